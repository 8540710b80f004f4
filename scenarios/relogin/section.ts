import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { buildSection, type Section } from '../report/section.ts';
import { num, percent, runLabel, servedByCell } from '../report/words.ts';

/**
 * relogin: one row per run — failures against what theory expects, who served the requests, and
 * where each user's session began (with ip-hash and many client addresses: the spread of users).
 */
export function reloginSection(report: Report, t: Translate): Section {
  return buildSection(
    report,
    t,
    'relogin',
    [
      'report.col.run',
      'report.col.users',
      'report.col.requests',
      'report.col.failures',
      'report.col.failure-rate',
      'report.col.expected-rate',
      'report.col.served-by',
      'report.col.users-per-node',
    ],
    (v, run) => [
      [
        runLabel(run, t),
        num(v.users),
        num(v.requests),
        num(v.failures),
        percent(v.failureRate),
        percent(v.expectedRate),
        servedByCell(v.servedBy),
        v.usersByNode ? servedByCell(v.usersByNode) : '–',
      ],
    ],
  );
}
