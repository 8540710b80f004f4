import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { lookup } from '../report/lookup.ts';
import { barChart } from '../report/svg-bar.ts';
import { FAIL_COLOR } from '../report/svg-common.ts';
import { balancerName, percent, shortRunLabel, strategyName } from '../report/words.ts';
import { BALANCER_STRATEGIES } from './run.ts';

/**
 * balancers: one chart per balancing (round-robin, sticky), a bar per balancer with the theory
 * as a marker — three short axis labels per chart, so none overlap.
 */
export function balancersCharts(report: Report, t: Translate): string[] {
  return report.results.flatMap((run) => {
    const found = lookup(run, 'balancers');
    if (found.kind !== 'ok') return [];
    return BALANCER_STRATEGIES.map((strategy) => {
      const lines = found.value.lines.filter((line) => line.strategy === strategy);
      return barChart({
        title: `${strategyName(strategy, t)} — ${shortRunLabel(run, t)}`,
        categories: lines.map((line) => balancerName(line.balancer, t)),
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
      });
    });
  });
}
