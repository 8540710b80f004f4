import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { failoverLostText, shardTouchedText } from '../report/failover-words.ts';
import { answersText, failureDefinitions, faultKindText, timelineTotals } from '../report/failure-words.ts';
import { buildSection, failedOf, type Section, yesNo } from '../report/section.ts';
import { num, runLabel } from '../report/words.ts';

/** store-failure: failed requests by kind while the store was down, recovery, and what was lost. */
export function storeFailureSection(report: Report, t: Translate): Section {
  const storeFailure = buildSection(
    report,
    t,
    'store-failure',
    [
      'report.col.run',
      'report.col.fault',
      'report.col.fault-answers',
      'report.col.failed-total',
      'report.col.access',
      'report.col.refresh',
      'report.col.login',
      'report.col.recovered',
      'report.col.failing-for',
      'report.col.sessions-lost',
      'report.col.families-lost',
      'report.col.sentinel',
      'report.col.failover-lost',
      'report.col.shard-touched',
    ],
    (v, run) => {
      const totals = timelineTotals(v.timeline);
      return [
        [
          runLabel(run, t),
          faultKindText(v.fault, t) ?? '–',
          answersText(v.faultAnswerMs, t) ?? '–',
          failedOf(totals.all),
          failedOf(totals.access),
          failedOf(totals.refresh),
          failedOf(totals.login),
          t('report.unit.seconds', { n: v.secondsToRecover.toFixed(1) }),
          v.failingSeconds === undefined ? '–' : t('report.unit.seconds', { n: v.failingSeconds.toFixed(1) }),
          num(v.sessionsLost),
          num(v.refreshFamiliesLost),
          yesNo(t, v.sentinel),
          failoverLostText(v.failover, t) ?? '–',
          shardTouchedText(v.shard, t) ?? '–',
        ],
      ];
    },
  );
  storeFailure.definitions.push(...failureDefinitions(report, 'store-failure', t));
  return storeFailure;
}
