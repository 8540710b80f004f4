import { describe, expect, it } from 'vitest';
import { expectedFailureRate } from '../../../scenarios/relogin/run.ts';

describe('measurement helpers', () => {
  it('expected failure rate is (N-1)/N only for memory + round-robin', () => {
    expect(expectedFailureRate('memory', 'round-robin', 3)).toBeCloseTo(2 / 3);
    expect(expectedFailureRate('memory', 'round-robin', 1)).toBe(0);
    expect(expectedFailureRate('memory', 'sticky', 3)).toBe(0);
    expect(expectedFailureRate('redis', 'round-robin', 3)).toBe(0);
    expect(expectedFailureRate('jwt', 'round-robin', 8)).toBe(0);
  });
});
