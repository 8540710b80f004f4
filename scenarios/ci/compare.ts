import { clearDifference } from '../core/spread.ts';
import { type FigureValue, hasSpread, middle } from './figure-values.ts';
import { FIGURES, type Figure } from './figures.ts';
import { type AnyReport, isAuditReport } from './report-shape.ts';
import { figureSamples, type Labels, labelText } from './samples.ts';

/**
 * Two reports side by side, figure by figure, with a verdict that respects the noise: two figures
 * measured in interleaved rounds whose min–max ranges overlap are "no clear difference", never
 * better or worse; a figure measured once says so. Direction comes from the catalogue (latency and
 * CPU lower is better, req/s higher). Returns data; compare-render.ts turns it into words.
 */
export type Verdict = 'better' | 'worse' | 'no-clear-difference' | 'same' | 'changed';

export interface CompareRow {
  figure: Figure;
  labels: Labels;
  a: FigureValue;
  b: FigureValue;
  /** Change of B against A in % (medians); null when A is 0 and B is not. */
  changePercent: number | null;
  verdict: Verdict;
  /** Both sides carry a min–max range; false: one value each, the noise is unknown. */
  ranged: boolean;
  /** How much worse B is beyond the noise, in % of A (0 when not worse; Infinity from 0). */
  worseByPercent: number;
  /** A side whose value is only a lower bound (a stolen copy still working at the end). */
  lowerBound?: { a: boolean; b: boolean };
}

/** What differs between the machines or versions that measured (the comparison warns about it). */
export interface Difference {
  what: 'kind' | 'cores' | 'cpu' | 'node' | 'commit' | 'quick';
  a: string;
  b: string;
}

export interface Comparison {
  rows: CompareRow[];
  differences: Difference[];
  /** Figure keys (figure + labels) only one of the two reports has. */
  onlyA: string[];
  onlyB: string[];
}

const keyOf = (figure: string, labels: Labels) => `${figure}{${labelText(labels)}}`;

function percent(from: number, to: number): number | null {
  if (from === 0) return to === 0 ? 0 : null;
  return ((to - from) / Math.abs(from)) * 100;
}

/** Worse beyond the noise: from the nearest end of A's range to the nearest end of B's. */
function worseBy(figure: Figure, a: FigureValue, b: FigureValue): number {
  if (figure.better === 'none') return 0;
  const lowerBetter = figure.better === 'lower';
  const [aEdge, bEdge] =
    hasSpread(a) && hasSpread(b) ? (lowerBetter ? [a.max, b.min] : [a.min, b.max]) : [middle(a), middle(b)];
  const gap = lowerBetter ? bEdge - aEdge : aEdge - bEdge;
  if (gap <= 0) return 0;
  return aEdge === 0 ? Number.POSITIVE_INFINITY : (gap / Math.abs(aEdge)) * 100;
}

function verdictOf(figure: Figure, a: FigureValue, b: FigureValue): Verdict {
  if (hasSpread(a) && hasSpread(b) && !clearDifference({ ...a, values: [] }, { ...b, values: [] })) {
    return 'no-clear-difference';
  }
  const from = middle(a);
  const to = middle(b);
  if (from === to) return 'same';
  if (figure.better === 'none') return 'changed';
  return to < from === (figure.better === 'lower') ? 'better' : 'worse';
}

function machineOf(report: AnyReport) {
  const machine = (report.machine ?? {}) as Partial<Record<string, unknown>>;
  const config = (report.config ?? {}) as Partial<Record<string, unknown>>;
  const text = (value: unknown) => (value === undefined || value === null ? 'unknown' : String(value));
  return {
    kind: isAuditReport(report) ? 'audit' : 'demo',
    cores: text(machine.cores ?? machine.cpus),
    cpu: text(machine.cpuModel),
    node: text(machine.node),
    commit: text(machine.commit),
    quick: text(config.quick ?? false),
  };
}

export function machineDifferences(a: AnyReport, b: AnyReport): Difference[] {
  const ma = machineOf(a);
  const mb = machineOf(b);
  return (Object.keys(ma) as Difference['what'][])
    .filter((what) => ma[what] !== mb[what] || (what === 'commit' && ma.commit === 'unknown'))
    .map((what) => ({ what, a: ma[what], b: mb[what] }));
}

export function compareReports(a: AnyReport, b: AnyReport): Comparison {
  const samplesA = new Map(figureSamples(a).map((s) => [keyOf(s.figure.name, s.labels), s]));
  const samplesB = new Map(figureSamples(b).map((s) => [keyOf(s.figure.name, s.labels), s]));
  const rows: CompareRow[] = [];
  for (const [key, sa] of samplesA) {
    const sb = samplesB.get(key);
    if (!sb) continue;
    rows.push({
      figure: sa.figure,
      labels: sa.labels,
      a: sa.value,
      b: sb.value,
      changePercent: percent(middle(sa.value), middle(sb.value)),
      verdict: verdictOf(sa.figure, sa.value, sb.value),
      ranged: hasSpread(sa.value) && hasSpread(sb.value),
      worseByPercent: worseBy(sa.figure, sa.value, sb.value),
      ...((sa.lowerBound || sb.lowerBound) && {
        lowerBound: { a: sa.lowerBound === true, b: sb.lowerBound === true },
      }),
    });
  }
  // One figure's runs next to each other, figures in catalogue order (the sort is stable).
  const order = (row: CompareRow) => FIGURES.indexOf(row.figure);
  rows.sort((x, y) => order(x) - order(y));
  return {
    rows,
    differences: machineDifferences(a, b),
    onlyA: [...samplesA.keys()].filter((key) => !samplesB.has(key)),
    onlyB: [...samplesB.keys()].filter((key) => !samplesA.has(key)),
  };
}

/** `--fail-on-regression PCT`: the rows that got worse by more than PCT beyond the noise. */
export function regressions(comparison: Comparison, pct: number): CompareRow[] {
  return comparison.rows.filter((row) => row.verdict === 'worse' && row.worseByPercent > pct);
}
