import { describe, expect, it } from 'vitest';
import { redisServerPath } from '../../../lib/redis-server.ts';
import { isSkipped } from '../../../scenarios/core/types.ts';
import * as lifetimes from '../../../scenarios/lifetimes/run.ts';
import type { LifetimesResult } from '../../../scenarios/lifetimes/types.ts';
import { standaloneContext } from '../../helpers/standalone-context.ts';

const TTL = 3;
const options = { users: 1, requests: 1, durationSeconds: 1, quick: true, lifetimes: [TTL] };
const TIMEOUT = 240_000;

async function measured(runMode: 'jwt' | 'jwt-redis'): Promise<LifetimesResult> {
  const result = await lifetimes.run(standaloneContext(runMode), options);
  if (isSkipped(result)) throw new Error(`unexpectedly skipped: ${result.reason}`);
  return result;
}

function expectTradeOff(result: LifetimesResult): LifetimesResult['points'][number] {
  const point = result.points.find((p) => p.measured)!;
  expect(point.accessTtlSeconds).toBe(TTL);
  // The ahead-of-expiry client refreshes about once per lifetime.
  expect(point.refreshesPerUserHour).toBeGreaterThan((3600 / TTL) * 0.9);
  expect(point.refreshesPerUserHour).toBeLessThan((3600 / TTL) * 1.1);
  expect(point.clients.ahead.failedPerRefresh).toBe(0);
  // The after-401 client pays one failed request per refresh.
  expect(point.clients.after401.failedPerRefresh).toBeGreaterThanOrEqual(0.9);
  expect(point.clients.after401.failedRequestsPerUserHour).toBeGreaterThan(0);
  // A stolen token works at least until its lifetime is (almost) over: exp has 1 s granularity.
  expect(point.exposureSeconds).toBeGreaterThan(TTL - 1);
  expect(point.exposureSeconds).toBeLessThan(TTL + 10);
  const derived = result.points.filter((p) => !p.measured);
  expect(derived.map((p) => p.accessTtlSeconds)).toEqual([300, 900, 3600]);
  return point;
}

describe('lifetimes (real runs, a private node per lifetime)', () => {
  it(
    'jwt: refreshes once per lifetime, no store writes, a stolen token lives its lifetime',
    async () => {
      const result = await measured('jwt');
      const point = expectTradeOff(result);
      expect(point.storeWritesPerUserHour).toBe(0);
    },
    TIMEOUT,
  );

  it.skipIf(!redisServerPath())(
    'jwt-redis: every refresh is one store write (the rotation)',
    async () => {
      const result = await measured('jwt-redis');
      const point = expectTradeOff(result);
      expect(result.writesPerRefresh).toBeGreaterThan(0.9);
      expect(result.writesPerRefresh).toBeLessThan(1.2);
      expect(point.storeWritesPerUserHour).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it('session modes have no access lifetime: skipped with the reason', async () => {
    const result = await lifetimes.run(standaloneContext('memory'), options);
    expect(isSkipped(result) && result.reason).toMatch(/no access-token lifetime/);
  });
});
