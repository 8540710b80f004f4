import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { buildSection, type Section } from '../report/section.ts';
import { runLabel } from '../report/words.ts';
import { revocationRows, revocationSettings } from './words.ts';

/** revocation: one row per run and stolen credential — how long it kept working, and what stopped it. */
export function revocationSection(report: Report, t: Translate): Section {
  const revocation = buildSection(
    report,
    t,
    'revocation',
    [
      'report.col.run',
      'report.col.credential-case',
      'report.col.measured-seconds',
      'report.col.stopped-by',
      'report.col.run-setting',
      'report.col.production',
    ],
    (v, run) => revocationRows(v, t).map((row) => [runLabel(run, t), ...row]),
  );
  revocation.notes.push(...revocationSettings(report, t));
  return revocation;
}
