import type { Spread } from './types.ts';

/** Median with min–max of the values of interleaved rounds (values kept in round order). */
export function spreadOf(values: number[], digits = 1): Spread {
  if (values.length === 0) return { median: 0, min: 0, max: 0, values: [] };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const round = (value: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    median: round(median),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
    values: values.map(round),
  };
}

/**
 * True when two figures measured in interleaved rounds differ clearly: their min–max ranges do not
 * overlap. Otherwise the report says "no clear difference" and does not rank them.
 */
export function clearDifference(a: Spread, b: Spread): boolean {
  return a.max < b.min || b.max < a.min;
}
