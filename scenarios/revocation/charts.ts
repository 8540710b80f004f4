import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { runsFor, values } from '../report/chart-runs.ts';
import { barChart } from '../report/svg-bar.ts';
import { PALETTE } from '../report/svg-common.ts';
import { num } from '../report/words.ts';

/** revocation: seconds each stolen credential kept working, per run. */
export function revocationCharts(report: Report, t: Translate): string[] {
  const { runs, labels } = runsFor(report, 'revocation', t);
  type R = {
    afterLogout?: { seconds: number };
    stolenAccess?: { seconds: number };
    stolenRefresh?: { seconds: number };
  };
  return [
    barChart({
      title: t('report.chart.revocation'),
      categories: labels,
      missingLabel: t('report.cell.skipped'),
      series: [
        {
          name: t('report.legend.after-logout'),
          values: values(runs, 'revocation', (v: R) => v.afterLogout?.seconds),
        },
        {
          name: t('report.legend.stolen-access'),
          values: values(runs, 'revocation', (v: R) => v.stolenAccess?.seconds),
        },
        {
          name: t('report.legend.stolen-refresh'),
          values: values(runs, 'revocation', (v: R) => v.stolenRefresh?.seconds),
          color: PALETTE[3],
        },
      ],
      format: (v) => num(v, v < 10 && v % 1 !== 0 ? 1 : 0),
    }),
  ];
}
