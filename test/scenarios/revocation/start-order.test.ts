import { describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_S } from '../../../nodes/auth/jwt/constants.ts';
import { expectedSeconds, SHORT_LIFETIMES } from '../../../scenarios/revocation/run.ts';

/**
 * The demo starts the runs' short-lifetime clusters one at a time, the longest expected window
 * first: the phase ends with the last window, so that one must not also wait for three start-ups.
 */
describe('revocation: which run starts its cluster first', () => {
  const runs = [
    { mode: 'memory', run: 'memory' },
    { mode: 'redis', run: 'redis' },
    { mode: 'jwt', run: 'jwt' },
    { mode: 'jwt', run: 'jwt-redis' },
  ] as const;

  it('expects each run to take as long as the lifetime that ends its slowest window', () => {
    const seconds = runs.map((ctx) => expectedSeconds(ctx, SHORT_LIFETIMES));
    expect(seconds).toEqual([
      SHORT_LIFETIMES.sessionAbsoluteTtl,
      SHORT_LIFETIMES.sessionIdleTtl + 2,
      SHORT_LIFETIMES.refreshTokenTtl + CLOCK_TOLERANCE_S,
      SHORT_LIFETIMES.accessTokenTtl + CLOCK_TOLERANCE_S,
    ]);
  });

  it('puts stateless jwt (its stolen refresh token runs to its exp) first and redis last', () => {
    const order = [...runs]
      .sort((a, b) => expectedSeconds(b, SHORT_LIFETIMES) - expectedSeconds(a, SHORT_LIFETIMES))
      .map((ctx) => ctx.run);
    expect(order[0]).toBe('jwt');
    expect(order.at(-1)).toBe('redis');
  });
});
