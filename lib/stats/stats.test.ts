import { describe, expect, it } from 'vitest';
import { leastSquaresSlope, median, percentile, percentiles, spread } from './index.ts';

describe('lib/stats', () => {
  it('median: odd, even, unsorted input left as it was', () => {
    const values = [30, 10, 20];
    expect(median(values)).toBe(20);
    expect(values).toEqual([30, 10, 20]);
    expect(median([4, 1])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('percentile is nearest-rank (a measured value)', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(percentiles([5, 1, 3], [50, 90, 99])).toEqual([3, 5, 5]);
  });

  it('spread: median with min–max, values in round order, optional rounding', () => {
    expect(spread([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, values: [30, 10, 20] });
    expect(spread([1.234, 2.345], 1)).toEqual({ median: 1.8, min: 1.2, max: 2.3, values: [1.2, 2.3] });
    const many = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    expect(spread(many)).toMatchObject({ median: 499.5, min: 0, max: 999 });
  });

  it('least squares: the slope of a line, none for a vertical or single point', () => {
    expect(leastSquaresSlope([0, 1, 2, 3].map((x) => ({ x, y: 2 * x + 5 })))).toBeCloseTo(2);
    expect(leastSquaresSlope([{ x: 1, y: 1 }])).toBeUndefined();
    expect(
      leastSquaresSlope([
        { x: 1, y: 1 },
        { x: 1, y: 3 },
      ]),
    ).toBeUndefined();
  });

  it('empty input is undefined everywhere, never NaN or 0', () => {
    expect(median([])).toBeUndefined();
    expect(percentile([], 99)).toBeUndefined();
    expect(percentiles([], [50, 99])).toEqual([undefined, undefined]);
    expect(spread([])).toBeUndefined();
    expect(leastSquaresSlope([])).toBeUndefined();
  });
});
