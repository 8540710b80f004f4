import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { runsFor, values } from '../report/chart-runs.ts';
import { lookup } from '../report/lookup.ts';
import { barChart } from '../report/svg-bar.ts';
import { FAIL_COLOR } from '../report/svg-common.ts';
import { percent } from '../report/words.ts';

/** relogin: the measured failure rate per run, with theory's expected rate as a marker. */
export function reloginCharts(report: Report, t: Translate): string[] {
  const { runs, labels } = runsFor(report, 'relogin', t);
  const markers = runs.map((run) => {
    const found = lookup(run, 'relogin');
    return found.kind === 'ok' ? found.value.expectedRate : undefined;
  });
  return [
    barChart({
      title: t('report.chart.relogin'),
      categories: labels,
      series: [
        {
          name: t('report.legend.measured'),
          values: values(runs, 'relogin', (v: { failureRate: number }) => v.failureRate),
          color: FAIL_COLOR,
        },
      ],
      markers,
      markerLabel: t('report.legend.expected'),
      format: percent,
      yMax: 1,
      missingLabel: t('report.cell.skipped'),
    }),
  ];
}
