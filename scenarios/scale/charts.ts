import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { micro } from '../report/chart-runs.ts';
import { lookup } from '../report/lookup.ts';
import { PALETTE, THEORY_COLOR } from '../report/svg-common.ts';
import { type LineSeries, lineChart } from '../report/svg-line.ts';
import { percent, shortRunLabel } from '../report/words.ts';

/** scale: failure rate (against theory) and node CPU as nodes are added, one line per run. */
export function scaleCharts(report: Report, t: Translate): string[] {
  const rates: LineSeries[] = [];
  const cpu: LineSeries[] = [];
  let nodeRange: number[] = [];
  report.results.forEach((run, i) => {
    const found = lookup(run, 'scale');
    if (found.kind !== 'ok') return;
    const color = PALETTE[i % PALETTE.length]!;
    const name = shortRunLabel(run, t);
    rates.push({
      name: t('report.legend.series-measured', { run: name }),
      points: found.value.points.map((p) => ({ x: p.nodes, y: p.failureRate })),
      color,
    });
    cpu.push({
      name,
      points: found.value.points.map((p) => ({ x: p.nodes, y: p.cpuMicrosPerRequest })),
      color,
    });
    nodeRange = [...new Set([...nodeRange, ...found.value.points.map((p) => p.nodes)])];
  });
  if (rates.length === 0) return [];
  // The theory line is drawn over every node count measured, even if only jwt ran.
  rates.push({
    name: t('report.legend.theory'),
    points: nodeRange.map((n) => ({ x: n, y: (n - 1) / n })),
    color: THEORY_COLOR,
    dashed: true,
  });
  return [
    lineChart({
      title: t('report.chart.scale'),
      series: rates,
      xLabel: t('report.legend.nodes'),
      format: percent,
      yMax: 1,
    }),
    lineChart({
      title: t('report.chart.scale-cpu'),
      series: cpu,
      xLabel: t('report.legend.nodes'),
      format: micro,
      caption: t('report.scale.cpu-caveat', { cores: report.machine.cores ?? report.machine.cpus }),
    }),
  ];
}
