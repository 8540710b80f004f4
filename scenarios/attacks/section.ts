import type { Translate } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { buildSection, type Section } from '../report/section.ts';
import { runLabel } from '../report/words.ts';
import { attackRows } from './words.ts';

/** attacks: one row per run and forged credential — what every node answered. */
export function attacksSection(report: Report, t: Translate): Section {
  const attacks = buildSection(
    report,
    t,
    'attacks',
    [
      'report.col.run',
      'report.col.attack',
      'report.col.attack-tries',
      'report.col.status',
      'report.col.code',
      'report.col.outcome',
    ],
    (v, run) => attackRows(v, t).map((row) => [runLabel(run, t), ...row]),
  );
  if (!attacks.notRun) attacks.notes.push(t('report.attacks.meaning'));
  return attacks;
}
