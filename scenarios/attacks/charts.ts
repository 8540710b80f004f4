import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { runsFor, values } from '../report/chart-runs.ts';
import { barChart } from '../report/svg-bar.ts';
import { OK_COLOR } from '../report/svg-common.ts';
import { num } from '../report/words.ts';

/** attacks: forgeries tried and rejected, per run. */
export function attacksCharts(report: Report, t: Translate): string[] {
  const { runs, labels } = runsFor(report, 'attacks', t);
  type A = { tried: number; rejected: number };
  return [
    barChart({
      title: t('report.chart.attacks'),
      categories: labels,
      missingLabel: t('report.cell.skipped'),
      series: [
        {
          name: t('report.legend.tried'),
          values: values(runs, 'attacks', (v: A) => v.tried),
          color: '#7f7f7f',
        },
        {
          name: `✓ ${t('report.legend.rejected')}`,
          values: values(runs, 'attacks', (v: A) => v.rejected),
          color: OK_COLOR,
        },
      ],
      format: (v) => num(v),
    }),
  ];
}
