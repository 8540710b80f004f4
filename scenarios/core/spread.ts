import { spread } from '../../lib/stats/index.ts';
import type { Spread } from './types.ts';

/**
 * Median with min–max of the values of interleaved rounds (values kept in round order). Every
 * caller measures at least one round; no rounds is a bug, not a figure of 0, so it throws.
 */
export function spreadOf(values: number[], digits = 1): Spread {
  const result = spread(values, digits);
  if (!result) throw new Error('spreadOf: no rounds were measured');
  return result;
}

/**
 * True when two figures measured in interleaved rounds differ clearly: their min–max ranges do not
 * overlap. Otherwise the report says "no clear difference" and does not rank them.
 */
export function clearDifference(a: Spread, b: Spread): boolean {
  return a.max < b.min || b.max < a.min;
}
