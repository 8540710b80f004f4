import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { failureCards } from '../report/failure-charts.ts';

/** node-failure: one card per run, its request timeline around the fault and its derived figures. */
export function nodeFailureCharts(report: Report, t: Translate): string[] {
  return failureCards(report, 'node-failure', t);
}
