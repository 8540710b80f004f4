import type { Translate } from '../../lib/i18n/index.ts';
import { verdictLines } from '../report/verdict.ts';
import type { AuditReport } from '../types.ts';

const COLOR = { bad: '\x1b[31m', warn: '\x1b[33m', good: '\x1b[32m', info: '\x1b[2m' } as const;
const MARK = { bad: '✗', warn: '⚠', good: '✓', info: '·' } as const;

/** The verdict for the terminal: one line per finding, the worst first; colour only on a terminal. */
export function verdictText(report: AuditReport, t: Translate, color: boolean): string {
  const lines = verdictLines(report, t).map((line) => {
    const text = `${MARK[line.tone]} ${line.text}`;
    return color ? `${COLOR[line.tone]}${text}\x1b[0m` : text;
  });
  return [t('audit.title', { profile: report.app.profile }), '', ...lines].join('\n');
}
