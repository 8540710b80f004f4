import { sortedCopy } from './sorted.ts';

/** Nearest-rank percentile of already sorted values; `undefined` when there are none. */
function nearestRank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/**
 * The p-th percentile (0–100) by nearest rank: a value that was actually measured, never an
 * interpolation. Empty input: `undefined`.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  return nearestRank(sortedCopy(values), p);
}

/** Several percentiles with one sort (latency figures read p50, p90, p99 of the same samples). */
export function percentiles(values: readonly number[], ps: readonly number[]): (number | undefined)[] {
  const sorted = sortedCopy(values);
  return ps.map((p) => nearestRank(sorted, p));
}
