import type { Report, RunResult } from '../types.ts';
import { lookup, num, percent, runLabel, seconds } from './format.ts';

export type Tone = 'good' | 'bad' | 'warn' | 'dim';
export interface Cell {
  text: string;
  tone?: Tone;
}

const ANSI: Record<Tone | 'bold' | 'reset', string> = {
  good: '\x1b[32m',
  bad: '\x1b[31m',
  warn: '\x1b[33m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

const SKIPPED: Cell = { text: 'skipped', tone: 'warn' };
const MISSING: Cell = { text: '–', tone: 'dim' };

export const HEADERS = [
  'run',
  're-login fail (exp)',
  'req/s',
  'p99 ms',
  'CPU µs/req',
  'store ops/req',
  'cred bytes',
  'works after logout/theft',
  'node fail: lost',
  'store fail: failed/recover',
  'attacks rejected',
];

function relogin(run: RunResult): Cell {
  const r = lookup(run, 'relogin');
  if (r.kind !== 'ok') return r.kind === 'skipped' ? SKIPPED : MISSING;
  const off = Math.abs(r.value.failureRate - r.value.expectedRate) > 0.1;
  return {
    text: `${percent(r.value.failureRate)} (${percent(r.value.expectedRate)})`,
    tone: r.value.failureRate > 0 ? 'bad' : off ? 'warn' : 'good',
  };
}

function loadCells(run: RunResult): Cell[] {
  const r = lookup(run, 'load');
  if (r.kind !== 'ok') return Array(4).fill(r.kind === 'skipped' ? SKIPPED : MISSING);
  const v = r.value;
  return [
    { text: num(v.maxRate.requestsPerSecond) },
    { text: num(v.fixedRate.latencyMs.p99, 1) },
    { text: num(v.cpuMicrosPerRequest) },
    { text: num(v.storeOpsPerRequest, 2) },
  ];
}

function tokenSize(run: RunResult): Cell {
  const r = lookup(run, 'token-size');
  if (r.kind !== 'ok') return r.kind === 'skipped' ? SKIPPED : MISSING;
  return { text: `${num(r.value.credentialBytes)} ${r.value.credentialKind}` };
}

function revocation(run: RunResult): Cell {
  const r = lookup(run, 'revocation');
  if (r.kind !== 'ok') return r.kind === 'skipped' ? SKIPPED : MISSING;
  return {
    text: `${seconds(r.value.afterLogoutSeconds)} / ${seconds(r.value.stolenWorksSeconds)}`,
    tone: r.value.afterLogoutSeconds > 0 ? 'warn' : 'good',
  };
}

function nodeFailure(run: RunResult): Cell {
  const r = lookup(run, 'node-failure');
  if (r.kind !== 'ok') return r.kind === 'skipped' ? SKIPPED : MISSING;
  return {
    text: `${num(r.value.sessionsLost)}/${num(r.value.sessionsBefore)}`,
    tone: r.value.sessionsLost > 0 ? 'bad' : 'good',
  };
}

function storeFailure(run: RunResult): Cell {
  const r = lookup(run, 'store-failure');
  if (r.kind !== 'ok') return r.kind === 'skipped' ? SKIPPED : MISSING;
  return {
    text: `${num(r.value.failedRequests)} / ${seconds(r.value.secondsToRecover)}`,
    tone: r.value.failedRequests > 0 ? 'warn' : 'good',
  };
}

function attacks(run: RunResult): Cell {
  const r = lookup(run, 'attacks');
  if (r.kind !== 'ok') return r.kind === 'skipped' ? SKIPPED : MISSING;
  return {
    text: `${num(r.value.rejected)}/${num(r.value.tried)}`,
    tone: r.value.rejected === r.value.tried ? 'good' : 'bad',
  };
}

/** One row per run: the cells of the comparison table (shared with the HTML summary). */
export function rowFor(run: RunResult): Cell[] {
  return [
    { text: runLabel(run) },
    relogin(run),
    ...loadCells(run),
    tokenSize(run),
    revocation(run),
    nodeFailure(run),
    storeFailure(run),
    attacks(run),
  ];
}

/** Visible width: code points, so `µ` and `·` count as one column like a terminal shows them. */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, alignRight: boolean): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return alignRight ? fill + text : text + fill;
}

/** Skip reasons, deduplicated, listed under the table so the cells can stay short. */
function skipNotes(report: Report): string[] {
  const notes = new Set<string>();
  for (const run of report.results) {
    if (run.skipped !== undefined) {
      notes.add(`${runLabel(run)}: ${run.skipped}`);
      continue;
    }
    for (const [name, value] of Object.entries(run.scenarios)) {
      if (value && 'skipped' in value && value.skipped === true) {
        notes.add(`${runLabel(run)} ${name}: ${value.reason}`);
      }
    }
  }
  return [...notes];
}

/** Strips control characters from text that came from outside (skip reasons) before a terminal prints it. */
function safe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\x00-\x1f\x7f]/g, ' ');
}

/** The terminal comparison table: one row per run, columns sized from their contents. */
export function renderTable(report: Report, options: { color: boolean }): string {
  const paint = (text: string, tone: Tone | 'bold' | undefined) =>
    options.color && tone ? `${ANSI[tone]}${text}${ANSI.reset}` : text;
  const rows = report.results
    .map(rowFor)
    .map((row) => row.map((cell) => ({ ...cell, text: safe(cell.text) })));
  const widths = HEADERS.map((header, i) =>
    Math.max(width(header), ...rows.map((row) => width(row[i]!.text))),
  );
  const line = (cells: string[]) => cells.join(' │ ');
  const out = [
    paint(line(HEADERS.map((h, i) => pad(h, widths[i]!, false))), 'bold'),
    widths.map((w) => '─'.repeat(w)).join('─┼─'),
    ...rows.map((row) => line(row.map((cell, i) => paint(pad(cell.text, widths[i]!, i > 0), cell.tone)))),
  ];
  if (report.results.length === 0) out.push('(no runs)');
  const notes = skipNotes(report);
  if (notes.length > 0) {
    out.push('', paint('skipped:', 'warn'), ...notes.map((note) => `  - ${safe(note)}`));
  }
  return `${out.join('\n')}\n`;
}
