import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../types.ts';
import { lookup } from './lookup.ts';
import { balancerName } from './section-balancers.ts';
import { barChart } from './svg-bar.ts';
import { FAIL_COLOR } from './svg-common.ts';
import { percent, shortRunLabel, strategyName } from './words.ts';

/** balancers: measured failure rate behind each balancer and strategy, theory as a marker. */
export function balancersCharts(report: Report, t: Translate): string[] {
  return report.results.flatMap((run) => {
    const found = lookup(run, 'balancers');
    if (found.kind !== 'ok') return [];
    const lines = found.value.lines;
    return [
      barChart({
        title: `${t('report.claim.balancers.title')} — ${shortRunLabel(run, t)}`,
        categories: lines.map(
          (line) => `${balancerName(line.balancer, t)} · ${strategyName(line.strategy, t)}`,
        ),
        series: [
          {
            name: t('report.legend.measured'),
            // A front that could not run here is drawn as "skipped", not as 0 %.
            values: lines.map((line) => (line.skipped === undefined ? line.failureRate : null)),
            color: FAIL_COLOR,
          },
        ],
        markers: lines.map((line) => (line.skipped === undefined ? line.expectedRate : undefined)),
        markerLabel: t('report.legend.expected'),
        format: percent,
        yMax: 1,
        missingLabel: t('report.cell.skipped'),
      }),
    ];
  });
}
