import { describe, expect, it } from 'vitest';
import { expectedFailureRate, expectedFirstMiss } from '../../classroom/monitor.ts';

describe('live figures', () => {
  it('expects (N-1)/N failures for memory + round-robin over the nodes that are up, 0 where state is shared', () => {
    const setup = { mode: 'memory', strategy: 'round-robin', nodes: 3 } as const;
    expect(expectedFailureRate(setup, 3, false)).toBeCloseTo(2 / 3);
    expect(expectedFailureRate(setup, 2, false)).toBeCloseTo(1 / 2);
    expect(expectedFailureRate({ ...setup, strategy: 'sticky' }, 3, false)).toBe(0);
    expect(expectedFailureRate({ ...setup, mode: 'redis' }, 3, true)).toBe(0);
    expect(expectedFailureRate({ ...setup, mode: 'redis' }, 3, false)).toBe(1);
    expect(expectedFailureRate({ ...setup, mode: 'jwt' }, 3, false)).toBe(0);
  });

  it('per connection: 0 while connections are kept, m / (k - m) when re-opened every k, m on a new connection', () => {
    const setup = { mode: 'memory', strategy: 'connection', nodes: 3 } as const;
    expect(expectedFailureRate(setup, 3, false)).toBe(0);
    // m = 2/3: per connection of 4 requests, 2/3 of a miss among 4 - 2/3 GET /api/me.
    expect(expectedFailureRate(setup, 3, false, 4)).toBeCloseTo(0.2);
    expect(expectedFailureRate(setup, 3, false, 16)).toBeCloseTo(2 / 3 / (16 - 2 / 3));
    expect(expectedFailureRate({ ...setup, mode: 'jwt' }, 3, false, 4)).toBe(0);
    expect(expectedFirstMiss(setup, 3)).toBeCloseTo(2 / 3);
    expect(expectedFirstMiss({ ...setup, strategy: 'sticky' }, 3)).toBe(0);
    expect(expectedFirstMiss({ ...setup, mode: 'redis' }, 3)).toBe(0);
  });
});
