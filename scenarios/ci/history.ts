import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LineSeries } from '../report/svg-line.ts';
import { middle } from './figure-values.ts';
import { readReportFile } from './read-report.ts';
import { type AnyReport, isAuditReport } from './report-shape.ts';
import { figureSamples, type Labels } from './samples.ts';

/**
 * Past runs from a reports folder (each `<dir>/<run>/report.json`), oldest first, with their
 * headline figures per run and the thresholds they passed, and one trend series per run label.
 */
export const HEADLINE_FIGURES = [
  'relogin.failureRate',
  'load.rps',
  'load.p99Ms',
  'load.cpuMicrosPerRequest',
  'credential.bytes',
  'forgeries.accepted',
] as const;

export interface HistoryEntry {
  /** The run's folder name inside the history folder. */
  name: string;
  report: AnyReport;
  kind: 'demo' | 'audit';
  /** `memory · round-robin`, … (audit: `audit`). */
  runs: string[];
  thresholds: { passed: number; total: number } | undefined;
}

export interface History {
  entries: HistoryEntry[];
  /** Folders with a report.json that could not be read (named, not silently dropped). */
  unreadable: string[];
}

/** `memory`, `memory sticky`, `audit`: round-robin, the usual strategy, goes unsaid (legends stay short). */
export function runName(labels: Labels): string {
  const strategy = labels.strategy && labels.strategy !== 'round-robin' ? ` ${labels.strategy}` : '';
  return `${labels.mode ?? 'audit'}${strategy}`;
}

/** How many of the thresholds stored in a report (`thresholds[]`) held; undefined when it has none. */
function storedThresholds(report: AnyReport): { passed: number; total: number } | undefined {
  const stored = report.thresholds;
  if (!Array.isArray(stored) || stored.length === 0) return undefined;
  return { passed: stored.filter((r) => r.status === 'passed').length, total: stored.length };
}

function entryOf(name: string, report: AnyReport): HistoryEntry {
  const runs = isAuditReport(report)
    ? [runName({ ...(report.strategy && { strategy: report.strategy }) })]
    : report.results
        .filter((run) => run.skipped === undefined)
        .map((run) => runName({ mode: run.mode, strategy: run.strategy }));
  return {
    name,
    report,
    kind: isAuditReport(report) ? 'audit' : 'demo',
    runs,
    thresholds: storedThresholds(report),
  };
}

export async function collectHistory(dir: string): Promise<History> {
  const names = (await readdir(dir)).sort();
  const entries: HistoryEntry[] = [];
  const unreadable: string[] = [];
  for (const name of names) {
    const file = join(dir, name, 'report.json');
    const exists = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists) continue;
    try {
      entries.push(entryOf(name, await readReportFile(file)));
    } catch {
      unreadable.push(name);
    }
  }
  entries.sort((a, b) => a.report.startedAt.localeCompare(b.report.startedAt));
  return { entries, unreadable };
}

/** One figure of one report, per run: `[["memory · round-robin", 0.68], …]`. */
export function headlineValues(report: AnyReport, figure: string): [string, number][] {
  return figureSamples(report)
    .filter((sample) => sample.figure.name === figure)
    .map((sample) => [runName(sample.labels), middle(sample.value)]);
}

/** A line per run label over the entries (x = 1 for the oldest run); gaps where a run is missing. */
export function trendSeries(entries: readonly HistoryEntry[], figure: string): LineSeries[] {
  const byRun = new Map<string, { x: number; y: number }[]>();
  entries.forEach((entry, index) => {
    for (const [run, value] of headlineValues(entry.report, figure)) {
      byRun.set(run, [...(byRun.get(run) ?? []), { x: index + 1, y: value }]);
    }
  });
  return [...byRun].map(([name, points]) => ({ name, points }));
}
