import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { lookup } from '../report/lookup.ts';
import { PALETTE, THEORY_COLOR } from '../report/svg-common.ts';
import { type LineSeries, lineChart } from '../report/svg-line.ts';
import { num, shortRunLabel } from '../report/words.ts';

/** latency: p50 added by the store link against the set RTT, one line per run, theory dashed. */
export function latencyCharts(report: Report, t: Translate): string[] {
  const series: LineSeries[] = [];
  let theory: { x: number; y: number }[] = [];
  report.results.forEach((run, i) => {
    const found = lookup(run, 'latency');
    if (found.kind !== 'ok') return;
    series.push({
      name: t('latency.legend.measured', { run: shortRunLabel(run, t) }),
      points: found.value.points.map((p) => ({ x: p.storeRttMs, y: Math.max(0, p.addedP50.median) })),
      color: PALETTE[i % PALETTE.length]!,
    });
    if (theory.length === 0) {
      theory = found.value.points.map((p) => ({ x: p.storeRttMs, y: Math.max(0, p.theoryAddedMs) }));
    }
  });
  if (series.length === 0) return [];
  series.push({ name: t('report.legend.theory'), points: theory, color: THEORY_COLOR, dashed: true });
  return [
    lineChart({
      title: t('latency.chart.title'),
      series,
      xLabel: t('latency.chart.x'),
      format: (value) => `${num(value, 1)} ms`,
    }),
  ];
}
