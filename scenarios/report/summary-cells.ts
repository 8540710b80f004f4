import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { RunResult } from '../core/types.ts';
import { type Lookup, lookup } from './lookup.ts';
import { num } from './words.ts';

/**
 * The summary: runs as columns, figures as rows, so that five runs fit a 100-column terminal.
 * One model for the terminal table, the Markdown table and the HTML table. Each scenario lists
 * its own rows (`<name>/summary.ts`); summary.ts puts them together.
 */
export type Tone = 'good' | 'bad' | 'warn' | 'dim';
export interface Cell {
  text: string;
  tone?: Tone;
  /** No figure: the scenario was skipped or did not run for this run. */
  empty?: boolean;
}
export interface SummaryRow {
  key: MessageKey;
  /** Load figures (median) are followed by a min–max row and come with their noise. */
  group: 'behaviour' | 'load';
  /** The min–max row under a median row. */
  range?: boolean;
  cells: Cell[];
}
export interface Summary {
  headers: [string, string][];
  rows: SummaryRow[];
}

/** One summary row as a scenario declares it: what it is called and how a run's cell is made. */
export type SummaryRowSpec = {
  key: MessageKey;
  group: SummaryRow['group'];
  range?: boolean;
  cell: (run: RunResult, t: Translate) => Cell;
};

const MISSING: Cell = { text: '–', tone: 'dim', empty: true };

type PickCell<K extends Parameters<typeof lookup>[1]> = (
  value: Extract<Lookup<K>, { kind: 'ok' }>['value'],
  t: Translate,
) => Cell | undefined;

/** A run's cell for one scenario: its figure, "skipped", or "–" when it has none. */
export function cellFor<K extends Parameters<typeof lookup>[1]>(
  run: RunResult,
  name: K,
  t: Translate,
  pick: PickCell<K>,
): Cell {
  const found = lookup(run, name);
  if (found.kind === 'skipped') return { text: t('report.cell.skipped'), tone: 'dim', empty: true };
  if (found.kind === 'missing') return MISSING;
  return pick(found.value as never, t) ?? MISSING;
}

/**
 * A number short enough for a summary column on a loaded machine (p99 of 43 s is `43.6k` ms):
 * thousands as `k` from 10,000, no decimals from 100. `scale` is the value that picks the format,
 * so both ends of a range are written alike.
 */
export function compact(value: number, digits: number, scale = value): string {
  if (Math.abs(scale) >= 10_000) return `${num(value / 1000, 1)}k`;
  return num(value, Math.abs(scale) >= 100 ? 0 : digits);
}
