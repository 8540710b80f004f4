import type { Translate } from '../../lib/i18n/index.ts';
import type { LoadResult, Report, RunResult } from '../core/types.ts';
import { micro, runsFor, values } from '../report/chart-runs.ts';
import { lookup } from '../report/lookup.ts';
import { barChart } from '../report/svg-bar.ts';
import { PALETTE } from '../report/svg-common.ts';
import { num } from '../report/words.ts';

type L = {
  spread?: {
    requestsPerSecond: { median: number };
    latencyMs: { p99: { median: number } };
    cpuMicrosPerRequest: { median: number };
  };
  storeOpsPerRequest: number;
};

/** load: node CPU per request, p99 latency (median with min–max whiskers) and store commands per request. */
export function loadCharts(report: Report, t: Translate): string[] {
  const { runs, labels } = runsFor(report, 'load', t);
  const common = {
    categories: labels,
    missingLabel: t('report.cell.skipped'),
    rangeLabel: t('report.legend.range'),
  };
  return [
    barChart({
      ...common,
      title: t('report.chart.cpu'),
      series: [
        {
          name: t('report.legend.median'),
          values: values(runs, 'load', (v: L) => v.spread?.cpuMicrosPerRequest.median),
        },
      ],
      ranges: ranges(runs, (v) => v.cpuMicrosPerRequest),
      format: micro,
    }),
    barChart({
      ...common,
      title: t('report.chart.p99'),
      series: [
        {
          name: t('report.legend.median'),
          values: values(runs, 'load', (v: L) => v.spread?.latencyMs.p99.median),
        },
      ],
      ranges: ranges(runs, (v) => v.latencyMs.p99),
      format: (v) => num(v, 1),
    }),
    barChart({
      ...common,
      title: t('report.chart.store-ops'),
      series: [
        {
          name: t('report.legend.store-ops'),
          values: values(runs, 'load', (v: L) => v.storeOpsPerRequest),
          color: PALETTE[3],
        },
      ],
      format: (v) => num(v, 2),
    }),
  ];
}

type SpreadSet = NonNullable<LoadResult['spread']>;
/** min–max whiskers for each run's bar. */
function ranges(runs: RunResult[], pick: (s: SpreadSet) => { min: number; max: number }) {
  return runs.map((run) => {
    const found = lookup(run, 'load');
    return found.kind === 'ok' && found.value.spread ? pick(found.value.spread) : undefined;
  });
}
