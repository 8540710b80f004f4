import { median } from './median.ts';

/**
 * A figure measured in several rounds: median with min–max, and the values in round order.
 * (report.json writes this shape for every contention-bound figure.)
 */
export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

/**
 * Median, min and max of `values`, each rounded to `digits` decimals (values kept in their order).
 * Empty input: `undefined` — a spread of no rounds is not 0.
 */
export function spread(values: readonly number[], digits?: number): Spread | undefined {
  const middle = median(values);
  if (middle === undefined) return undefined;
  const round =
    digits === undefined ? (v: number) => v : (v: number) => Math.round(v * 10 ** digits) / 10 ** digits;
  // A loop, not Math.min(...values): a spread of many samples would overflow the call stack.
  let min = middle;
  let max = middle;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { median: round(middle), min: round(min), max: round(max), values: values.map(round) };
}
