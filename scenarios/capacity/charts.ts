import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import type { LifetimePoint } from '../lifetimes/types.ts';
import { formatBytes } from './bytes.ts';
import { lookup } from './lookup.ts';
import { PALETTE } from './svg-common.ts';
import { type LogSeries, logLineChart } from './svg-log.ts';
import { num, shortRunLabel } from './words.ts';

/** capacity: server memory vs live sessions, one line per run that keeps something (log–log). */
export function capacityCharts(report: Report, t: Translate): string[] {
  const series: LogSeries[] = [];
  const zero: string[] = [];
  for (const run of report.results) {
    const found = lookup(run, 'capacity');
    if (found.kind !== 'ok') continue;
    const name = shortRunLabel(run, t);
    if (found.value.where === 'none') {
      zero.push(t('capacity.chart.zero', { run: name }));
      continue;
    }
    series.push({ name, points: found.value.populations.map((p) => ({ x: p.sessions, y: p.totalBytes })) });
  }
  if (series.length === 0) return [];
  return [
    logLineChart({
      title: t('capacity.chart.title'),
      series,
      xLabel: t('capacity.chart.x'),
      format: formatBytes,
      ...(zero.length > 0 && { caption: zero.join('; ') }),
    }),
  ];
}

/** Measured points as a solid line; the derived ones dashed, continuing from the last measured point. */
function splitMeasured(points: LifetimePoint[], pick: (p: LifetimePoint) => number) {
  const measured = points.filter((p) => p.measured);
  const derived = points.filter((p) => !p.measured);
  const bridge = measured.at(-1);
  return {
    measured: measured.map((p) => ({ x: p.accessTtlSeconds, y: pick(p) })),
    derived: [...(bridge ? [bridge] : []), ...derived].map((p) => ({ x: p.accessTtlSeconds, y: pick(p) })),
  };
}

/** lifetimes: per run, exposure window and refresh load against the access lifetime (log–log). */
export function lifetimesCharts(report: Report, t: Translate): string[] {
  const charts: string[] = [];
  for (const run of report.results) {
    const found = lookup(run, 'lifetimes');
    if (found.kind !== 'ok') continue;
    const exposure = splitMeasured(found.value.points, (p) => p.exposureSeconds);
    const refreshes = splitMeasured(found.value.points, (p) => p.refreshesPerUserHour);
    const derived = `(${t('common.derived')})`;
    charts.push(
      logLineChart({
        title: t('lifetimes.chart.title', { run: shortRunLabel(run, t) }),
        series: [
          { name: t('lifetimes.chart.exposure'), points: exposure.measured, color: PALETTE[3]! },
          { name: derived, points: exposure.derived, color: PALETTE[3]!, dashed: true },
          { name: t('lifetimes.chart.refreshes'), points: refreshes.measured, color: PALETTE[1]! },
          { name: derived, points: refreshes.derived, color: PALETTE[1]!, dashed: true },
        ],
        xLabel: t('lifetimes.chart.x'),
        format: (v) => num(v, v < 1 ? 2 : 0),
      }),
    );
  }
  return charts;
}
