import type { SpreadLike } from './result.ts';

/**
 * A figure's value in a report: one number, or the median with min–max of interleaved rounds.
 * Readers are tolerant: report.json may come from an older version or another tool, so anything
 * that is not a finite number (or a complete spread) is "not measured", never zero.
 */
export type FigureValue = number | SpreadLike;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A finite number, a `{median,min,max}` object, or undefined. */
export function figureValue(value: unknown): FigureValue | undefined {
  if (isNumber(value)) return value;
  const spread = asRecord(value);
  if (spread && isNumber(spread.median) && isNumber(spread.min) && isNumber(spread.max)) {
    return { median: spread.median, min: spread.min, max: spread.max };
  }
  return undefined;
}

/** The value at a path of keys (`['spread', 'latencyMs', 'p99']`), read as a figure. */
export function at(root: unknown, path: string[]): FigureValue | undefined {
  let node: unknown = root;
  for (const key of path) node = asRecord(node)?.[key];
  return figureValue(node);
}

/** The first path that holds a figure: the spread when the report has it, else the plain median. */
export function firstAt(root: unknown, paths: string[][]): FigureValue | undefined {
  for (const path of paths) {
    const value = at(root, path);
    if (value !== undefined) return value;
  }
  return undefined;
}

export function hasSpread(value: FigureValue): value is SpreadLike {
  return typeof value !== 'number';
}

/** The median of a spread, or the number itself. */
export function middle(value: FigureValue): number {
  return hasSpread(value) ? value.median : value;
}

/** `.min` / `.max` of a spread; a single number is its own min and max. */
export function endOf(value: FigureValue, end: 'median' | 'min' | 'max'): number {
  if (!hasSpread(value)) return value;
  return value[end];
}
