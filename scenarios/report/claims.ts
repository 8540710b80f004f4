import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { ScenarioName } from '../core/types.ts';

/**
 * What each scenario demonstrates: the study note's claim, quoted (English rendering for `en`, the
 * Korean original's own words for `ko`), the part of the note it comes from, and one paragraph a
 * teacher can read out. The words live in the catalogue (lib/i18n/<lang>/report.ts).
 */
export interface Claim {
  title: string;
  /** The note's part the claim comes from, with where to read it in this repository. */
  source: string;
  /** A direct quote from the note. */
  quote: string;
  explanation: string;
}

export function claimFor(name: ScenarioName, t: Translate): Claim {
  const k = (part: string) => `report.claim.${name}.${part}` as MessageKey;
  return {
    title: t(k('title')),
    source: t('report.claim.source', { section: t(k('section')) }),
    quote: t(k('quote')),
    explanation: t(k('explanation')),
  };
}
