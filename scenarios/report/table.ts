import { type Lang, type Translate, translator } from '../../lib/i18n/index.ts';
import type { Report } from '../core/types.ts';
import { loadWarning, machineLine, noiseVerdicts, phaseCpuLine, verdictLine } from './noise.ts';
import { buildSummary } from './summary.ts';
import type { Tone } from './summary-cells.ts';
import { displayWidth, padTo, wrap } from './width.ts';

/** The terminal summary fits this many columns at default flags (a test holds it to that). */
export const TERMINAL_COLUMNS = 100;

import { runLabel, scenarioName, skipReason } from './words.ts';

const ANSI: Record<Tone | 'bold' | 'reset', string> = {
  good: '\x1b[32m',
  bad: '\x1b[31m',
  warn: '\x1b[33m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

/** Strips control characters from text that came from outside (skip reasons) before a terminal prints it. */
export function safe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\x00-\x1f\x7f]/g, ' ');
}

/** Skip reasons, one line per distinct reason, naming the runs and scenarios it applies to. */
export function skipNotes(report: Report, t: Translate): string[] {
  const byReason = new Map<string, string[]>();
  const add = (reason: string, where: string) => {
    const text = skipReason(reason, t);
    byReason.set(text, [...(byReason.get(text) ?? []), where]);
  };
  for (const run of report.results) {
    if (run.skipped !== undefined) {
      add(run.skipped, runLabel(run, t));
      continue;
    }
    for (const [name, value] of Object.entries(run.scenarios)) {
      if (value && 'skipped' in value && value.skipped === true)
        add(value.reason, `${runLabel(run, t)} · ${scenarioName(name, t)}`);
    }
  }
  return [...byReason].map(([reason, where]) => `${where.join('; ')}: ${reason}`);
}

/** The runs that get a column: a run that never started has nothing to show but its reason. */
export function columnRuns(report: Report): Report['results'] {
  const started = report.results.filter((run) => run.skipped === undefined);
  return started.length > 0 ? started : report.results;
}

/** The lines printed under every summary (terminal and Markdown): legend, noise, machine, skips. */
export function summaryNotes(report: Report, t: Translate, options = { machine: true }): string[] {
  const notes = [t('report.table.legend')];
  const verdicts = noiseVerdicts(report, t);
  if (verdicts.length > 0) {
    notes.push(t('report.noise.heading', { rounds: report.config.loadRounds ?? 1 }));
    notes.push(...verdicts.map((v) => `  ${verdictLine(v, t)}`));
  }
  if (options.machine) {
    notes.push(machineLine(report, t));
    const cpu = phaseCpuLine(report, t);
    if (cpu) notes.push(cpu);
    const warning = loadWarning(report, t);
    if (warning) notes.push(`⚠ ${warning}`);
  }
  const skips = skipNotes(report, t);
  if (skips.length > 0)
    notes.push(t('report.table.skipped-heading'), ...skips.map((note) => `  - ${safe(note)}`));
  return notes;
}

/**
 * The terminal summary: one column per run, one row per figure (so five runs fit in 100 columns),
 * then the legend, the load noise, the machine's load and the skip reasons.
 */
export function renderTable(report: Report, options: { color: boolean; lang?: Lang }): string {
  const t = translator(options.lang ?? 'en');
  const paint = (text: string, tone: Tone | 'bold' | undefined) =>
    options.color && tone ? `${ANSI[tone]}${text}${ANSI.reset}` : text;
  if (report.results.length === 0) return `${t('report.table.no-runs')}\n`;
  const summary = buildSummary(columnRuns(report), t);
  const labels = summary.rows.map((row) => (row.range ? `  ${t(row.key)}` : t(row.key)));
  // 0 with no rows (a single scenario that was skipped): Math.max() alone would be -Infinity.
  const labelWidth = Math.max(0, ...labels.map(displayWidth));
  const widths = summary.headers.map((header, i) =>
    Math.max(
      ...header.map(displayWidth),
      ...summary.rows.map((row) => displayWidth(safe(row.cells[i]!.text))),
    ),
  );
  const line = (label: string, cells: string[]) =>
    `${padTo(label, labelWidth, false)} │ ${cells.join('  ')}`.trimEnd();
  const out = [
    paint(t('report.table.title', { nodes: report.config.nodes }), 'bold'),
    line(
      '',
      summary.headers.map(([mode], i) => padTo(mode, widths[i]!, true)),
    ),
    line(
      '',
      summary.headers.map(([, strategy], i) => padTo(strategy, widths[i]!, true)),
    ),
    `${'─'.repeat(labelWidth)}─┼─${widths.map((w) => '─'.repeat(w)).join('──')}`,
  ];
  summary.rows.forEach((row, r) => {
    if (r > 0 && row.group !== summary.rows[r - 1]!.group) out.push(line('', []));
    out.push(
      line(
        labels[r]!,
        row.cells.map((cell, i) => paint(padTo(safe(cell.text), widths[i]!, true), cell.tone)),
      ),
    );
  });
  for (const note of ['', ...summaryNotes(report, t)]) {
    const indent = ' '.repeat(Math.min(8, note.length - note.trimStart().length) + 2);
    for (const part of wrap(note, TERMINAL_COLUMNS, indent))
      out.push(note.startsWith('⚠') ? paint(part, 'warn') : part);
  }
  return `${out.join('\n')}\n`;
}
