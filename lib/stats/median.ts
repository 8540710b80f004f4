import { sortedCopy } from './sorted.ts';

/**
 * The median (the mean of the two middle values for an even count).
 * Empty input has no median: `undefined`, which the caller must handle (never NaN or 0).
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = sortedCopy(values);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
