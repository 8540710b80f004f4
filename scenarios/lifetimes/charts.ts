import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { lookup } from '../report/lookup.ts';
import { PALETTE } from '../report/svg-common.ts';
import { logLineChart } from '../report/svg-log.ts';
import { num, shortRunLabel } from '../report/words.ts';
import type { LifetimePoint } from './types.ts';

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
