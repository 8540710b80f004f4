import type { MessageKey, Translate } from '../../lib/i18n/index.ts';
import type { CredentialWindow, LoadResult, RunResult, Spread } from '../core/types.ts';
import { type Lookup, lookup } from './lookup.ts';
import { defaultLifetimeCell, idleCostCell } from './summary-capacity.ts';
import { num, percent, runHeader, seconds } from './words.ts';

/**
 * The summary: runs as columns, figures as rows, so that five runs fit a 100-column terminal.
 * One model for the terminal table, the Markdown table and the HTML table.
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

const MISSING: Cell = { text: '–', tone: 'dim', empty: true };

type PickCell<K extends Parameters<typeof lookup>[1]> = (
  value: Extract<Lookup<K>, { kind: 'ok' }>['value'],
  t: Translate,
) => Cell | undefined;

function cellFor<K extends Parameters<typeof lookup>[1]>(
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

/** A measured window: "≥ 3.0 s" when it still worked when the observation ended. */
function windowCell(w: CredentialWindow | undefined, t: Translate): Cell | undefined {
  if (!w) return undefined;
  const bound = w.stoppedBy === 'not-stopped' ? '≥ ' : '';
  // Under a second is "at once" (a replay round trip); longer is a window someone can use.
  return { text: `${bound}${seconds(w.seconds, t)}`, tone: w.seconds >= 1 ? 'warn' : 'good' };
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

function spreadCells(load: LoadResult, pick: (s: LoadResult['spread']) => Spread, digits: number) {
  const s = load.spread ? pick(load.spread) : undefined;
  if (!s) return { median: undefined, range: undefined };
  return {
    median: { text: compact(s.median, digits) },
    range: { text: `${compact(s.min, digits, s.max)}–${compact(s.max, digits)}`, tone: 'dim' as const },
  };
}

type RowSpec = {
  key: MessageKey;
  group: SummaryRow['group'];
  range?: boolean;
  cell: (run: RunResult, t: Translate) => Cell;
};

const LOAD_FIGURES: [MessageKey, MessageKey, (s: LoadResult['spread']) => Spread, number][] = [
  ['report.row.cpu', 'report.row.cpu-range', (s) => s.cpuMicrosPerRequest, 0],
  ['report.row.rps', 'report.row.rps-range', (s) => s.requestsPerSecond, 0],
  ['report.row.p99', 'report.row.p99-range', (s) => s.latencyMs.p99, 1],
];

const ROWS: RowSpec[] = [
  {
    key: 'report.row.relogin',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'relogin', t, (v) => ({
        text: `${percent(v.failureRate)} (${percent(v.expectedRate)})`,
        tone: v.failureRate > 0 ? 'bad' : 'good',
      })),
  },
  {
    key: 'report.row.store-ops',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'load', t, (v) => ({ text: num(v.storeOpsPerRequest, 2) })),
  },
  {
    key: 'report.row.credential',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'token-size', t, (v, tr) => ({
        text: `${num(v.credentialBytes)} ${tr(v.credentialKind === 'cookie' ? 'report.cell.cookie' : 'report.cell.bearer')}`,
      })),
  },
  {
    key: 'report.row.after-logout',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'revocation', t, (v, tr) => windowCell(v.afterLogout, tr)),
  },
  {
    key: 'report.row.stolen',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'revocation', t, (v, tr) => windowCell(v.stolenAccess, tr)),
  },
  {
    key: 'report.row.stolen-production',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'revocation', t, (v, tr) =>
        v.stolenAccess?.production
          ? { text: seconds(v.stolenAccess.production.seconds, tr), tone: 'dim' }
          : undefined,
      ),
  },
  {
    key: 'report.row.stolen-refresh',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'revocation', t, (v, tr) => windowCell(v.stolenRefresh, tr)),
  },
  {
    key: 'report.row.node-lost',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'node-failure', t, (v) => ({
        text: `${num(v.sessionsLost)}/${num(v.sessionsBefore)}`,
        tone: v.sessionsLost > 0 ? 'bad' : 'good',
      })),
  },
  {
    key: 'report.row.store-failed',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'store-failure', t, (v) => ({
        text: `${num(v.failedRequests)}/${num(v.totalRequests)}`,
        tone: v.failedRequests > 0 ? 'bad' : 'good',
      })),
  },
  {
    key: 'report.row.store-recovered',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'store-failure', t, (v, tr) => ({
        text: seconds(v.secondsToRecover, tr),
        tone: v.secondsToRecover > 0 ? 'warn' : 'good',
      })),
  },
  {
    key: 'report.row.attacks',
    group: 'behaviour',
    cell: (run, t) =>
      cellFor(run, 'attacks', t, (v) => ({
        text: `${num(v.rejected)}/${num(v.tried)}`,
        tone: v.rejected === v.tried ? 'good' : 'bad',
      })),
  },
  {
    key: 'capacity.row.idle-cost',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'capacity', t, (v) => idleCostCell(v)),
  },
  {
    key: 'lifetimes.row.default',
    group: 'behaviour',
    cell: (run, t) => cellFor(run, 'lifetimes', t, (v) => defaultLifetimeCell(v)),
  },
  ...LOAD_FIGURES.flatMap(([key, rangeKey, pick, digits]): RowSpec[] => [
    {
      key,
      group: 'load',
      cell: (run, t) => cellFor(run, 'load', t, (v) => spreadCells(v, pick, digits).median),
    },
    {
      key: rangeKey,
      group: 'load',
      range: true,
      cell: (run, t) => cellFor(run, 'load', t, (v) => spreadCells(v, pick, digits).range),
    },
  ]),
];

/** The summary of a report; rows where no run has a figure are left out. */
export function buildSummary(runs: RunResult[], t: Translate): Summary {
  const rows = ROWS.map((spec) => ({
    key: spec.key,
    group: spec.group,
    ...(spec.range && { range: true }),
    cells: runs.map((run) => spec.cell(run, t)),
  })).filter((row) => row.cells.some((cell) => !cell.empty));
  return { headers: runs.map((run) => runHeader(run, t)), rows };
}
