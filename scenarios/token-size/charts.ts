import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { runsFor, values } from '../report/chart-runs.ts';
import { barChart } from '../report/svg-bar.ts';
import { num } from '../report/words.ts';

/** token-size: credential bytes and whole request-header bytes per run. */
export function tokenSizeCharts(report: Report, t: Translate): string[] {
  const { runs, labels } = runsFor(report, 'token-size', t);
  type T = { credentialBytes: number; requestHeaderBytes: number };
  return [
    barChart({
      title: t('report.chart.bytes'),
      categories: labels,
      missingLabel: t('report.cell.skipped'),
      series: [
        {
          name: t('report.legend.credential-bytes'),
          values: values(runs, 'token-size', (v: T) => v.credentialBytes),
        },
        {
          name: t('report.legend.header-bytes'),
          values: values(runs, 'token-size', (v: T) => v.requestHeaderBytes),
        },
      ],
      format: (v) => num(v),
    }),
  ];
}
