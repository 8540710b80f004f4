import { describe, expect, it } from 'vitest';
import { clearDifference, spreadOf } from '../../../scenarios/core/spread.ts';

describe('spread over interleaved rounds', () => {
  it('gives median, min, max and keeps the values in round order', () => {
    expect(spreadOf([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, values: [30, 10, 20] });
    expect(spreadOf([4, 1]).median).toBe(2.5);
  });

  it('calls a difference clear only when the ranges do not overlap', () => {
    const a = spreadOf([100, 110, 120]);
    expect(clearDifference(a, spreadOf([130, 140, 150]))).toBe(true);
    expect(clearDifference(a, spreadOf([115, 140, 150]))).toBe(false);
    expect(clearDifference(spreadOf([120, 125]), a)).toBe(false);
  });
});
