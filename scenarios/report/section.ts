import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { Report, RunResult, ScenarioName } from '../core/types.ts';
import { type Claim, claimFor } from './claims.ts';
import type { Definition } from './failure-words.ts';
import { type Lookup, lookup } from './lookup.ts';
import { num, runLabel, skipReason } from './words.ts';

/** One scenario's figures as a plain table, shared by the Markdown and HTML renderers. */
export interface Section {
  name: ScenarioName;
  claim: Claim;
  headers: string[];
  rows: string[][];
  /** `run: reason` for every run that skipped this scenario. */
  skipped: string[];
  /** Derived figures, each defined in one sentence and coloured by what it means. */
  definitions: Definition[];
  /** Sentences under the table (noise verdicts, settings, caveats). */
  notes: string[];
  /** No run produced a result or a skip for this scenario. */
  notRun: boolean;
}

export type Value<K extends ScenarioName> = Extract<Lookup<K>, { kind: 'ok' }>['value'];
type Rows<K extends ScenarioName> = (value: Value<K>, run: RunResult) => string[][];

/** A scenario's section: its claim, headers, one batch of rows per run that has a result, and the skips. */
export function buildSection<K extends ScenarioName>(
  report: Report,
  t: Translate,
  name: K,
  headerKeys: MessageKey[],
  rows: Rows<K>,
): Section {
  const section: Section = {
    name,
    claim: claimFor(name, t),
    headers: headerKeys.map((key) => t(key)),
    rows: [],
    skipped: [],
    definitions: [],
    notes: [],
    notRun: true,
  };
  for (const run of report.results) {
    const found = lookup(run, name);
    if (found.kind === 'missing') continue;
    section.notRun = false;
    // A run that never started is named once (headline, summary), not in every section.
    if (run.skipped !== undefined) continue;
    if (found.kind === 'skipped') {
      section.skipped.push(`${runLabel(run, t)}: ${skipReason(found.reason, t)}`);
      continue;
    }
    section.rows.push(...rows(found.value as never, run));
  }
  return section;
}

/** The section's frame (claim, headers, skips) for a scenario that builds its rows itself. */
export function emptySection(
  report: Report,
  name: ScenarioName,
  t: Translate,
  headerKeys: MessageKey[],
): Section {
  return buildSection(report, t, name, headerKeys, () => []);
}

/** Every run's result for one scenario, runs without one left out. */
export function resultsOf<K extends ScenarioName>(
  report: Report,
  name: K,
): { run: RunResult; value: Value<K> }[] {
  return report.results.flatMap((run) => {
    const found = lookup(run, name);
    return found.kind === 'ok' ? [{ run, value: found.value as Value<K> }] : [];
  });
}

export const yesNo = (t: Translate, value: boolean | undefined) =>
  value === undefined ? '–' : t(value ? 'report.cell.yes' : 'report.cell.no');
/** `median (min–max)` of a spread over rounds. */
export const spreadCell = (s: { median: number; min: number; max: number } | undefined, digits: number) =>
  s ? `${num(s.median, digits)} (${num(s.min, digits)}–${num(s.max, digits)})` : '–';
export const failedOf = (c: { ok: number; failed: number }) => `${num(c.failed)} / ${num(c.ok + c.failed)}`;
