import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { AttackCase, AttacksResult } from '../core/types.ts';

/**
 * Attack cases by name: what each one tries, in the reader's language, and what "rejected" meant
 * for it (a 401 from every node, or — session fixation — the planted id was not adopted).
 */
type AttackKeys = { name: MessageKey; tries: MessageKey };
const key = (id: string): AttackKeys => ({
  name: `report.attack.${id}.name` as MessageKey,
  tries: `report.attack.${id}.tries` as MessageKey,
});

export function attackName(c: AttackCase, t: Translate): string {
  return c.id ? t(key(c.id).name) : c.name;
}

export function attackTries(c: AttackCase, t: Translate): string {
  return c.id ? t(key(c.id).tries) : '–';
}

export function attackOutcome(c: AttackCase, t: Translate): string {
  if (!c.rejected) return t('report.attack.outcome.accepted');
  return t(
    c.rejectedMeans === 'id-not-adopted'
      ? 'report.attack.outcome.not-adopted'
      : 'report.attack.outcome.rejected-401',
  );
}

/** Rows: name, what it tries, status, code, outcome. */
export function attackRows(v: AttacksResult, t: Translate): string[][] {
  return v.cases.map((c) => [
    attackName(c, t),
    attackTries(c, t),
    String(c.status),
    c.code ?? '–',
    attackOutcome(c, t),
  ]);
}
