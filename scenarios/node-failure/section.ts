import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { answersText, failureDefinitions, faultKindText, timelineTotals } from '../report/failure-words.ts';
import { buildSection, failedOf, type Section } from '../report/section.ts';
import { num, runLabel } from '../report/words.ts';

/** node-failure: sessions lost with the killed node, forced logins, and failed requests by kind. */
export function nodeFailureSection(report: Report, t: Translate): Section {
  const nodeFailure = buildSection(
    report,
    t,
    'node-failure',
    [
      'report.col.run',
      'report.col.fault',
      'report.col.fault-answers',
      'report.col.sessions-before',
      'report.col.sessions-lost',
      'report.col.relogins',
      'report.col.failed-total',
      'report.col.access',
      'report.col.refresh',
      'report.col.login',
      'report.col.until-clean',
    ],
    (v, run) => {
      const totals = timelineTotals(v.timeline);
      return [
        [
          runLabel(run, t),
          faultKindText(v.fault, t) ?? '–',
          answersText(v.faultAnswerMs, t) ?? '–',
          num(v.sessionsBefore),
          num(v.sessionsLost),
          num(v.reloginsForced),
          failedOf(totals.all),
          failedOf(totals.access),
          failedOf(totals.refresh),
          failedOf(totals.login),
          t('report.unit.seconds', { n: v.secondsUntilClean.toFixed(1) }),
        ],
      ];
    },
  );
  nodeFailure.definitions.push(...failureDefinitions(report, 'node-failure', t));
  return nodeFailure;
}
