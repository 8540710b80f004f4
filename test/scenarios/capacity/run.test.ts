import { describe, expect, it } from 'vitest';
import { redisServerPath } from '../../../lib/redis-server.ts';
import { medianOf } from '../../../scenarios/capacity/math.ts';
import * as capacity from '../../../scenarios/capacity/run.ts';
import type { CapacityResult } from '../../../scenarios/capacity/types.ts';
import { isSkipped } from '../../../scenarios/core/types.ts';
import { standaloneContext } from '../../helpers/standalone-context.ts';

// Quick plan: 300 sessions through POST /auth/login, then up to 3000 through the store API.
const options = { users: 1, requests: 1, durationSeconds: 1, quick: true };
const TIMEOUT = 240_000;

async function measured(runMode: Parameters<typeof standaloneContext>[0]): Promise<CapacityResult> {
  const result = await capacity.run(standaloneContext(runMode), options);
  if (isSkipped(result)) throw new Error(`unexpectedly skipped: ${result.reason}`);
  return result;
}

function expectStoresSessions(result: CapacityResult, where: string): void {
  expect(result.populations.map((p) => [p.sessions, p.createdBy])).toEqual([
    [300, 'login'],
    [3000, 'store-api'],
  ]);
  for (const population of result.populations) {
    expect(population.where).toBe(where);
    // A session is at least its 43-character id plus a small record; nothing near a megabyte.
    expect(medianOf(population.bytesPerSession)).toBeGreaterThan(40);
    expect(medianOf(population.bytesPerSession)).toBeLessThan(4000);
    expect(population.totalBytes).toBeGreaterThan(0);
  }
  expect(result.implications.every((line) => line.measured === false && line.serverBytes > 0)).toBe(true);
}

describe('capacity (real runs, private nodes)', () => {
  it(
    'memory: every live session costs node heap',
    async () => {
      const result = await measured('memory');
      expectStoresSessions(result, 'node-heap');
      expect(result.credentialKind).toBe('cookie');
    },
    TIMEOUT,
  );

  it(
    'jwt: nothing is stored per login (0 bytes), the node heap check stays near 0, the bearer header is bigger',
    async () => {
      const result = await measured('jwt');
      expect(result.where).toBe('none');
      for (const population of result.populations) {
        expect(population.bytesPerSession).toBe(0);
        expect(population.where).toBe('none');
      }
      expect(Math.abs(result.heapCheckBytesPerLogin!.median)).toBeLessThan(400);
      expect(result.credentialKind).toBe('bearer');
      expect(result.credentialHeaderBytes).toBeGreaterThan(200);
    },
    TIMEOUT,
  );

  describe.skipIf(!redisServerPath())('with a private redis-server', () => {
    it(
      'redis: every live session costs Redis memory',
      async () => expectStoresSessions(await measured('redis'), 'redis'),
      TIMEOUT,
    );

    it(
      'jwt-redis: every login leaves a refresh family in Redis',
      async () => expectStoresSessions(await measured('jwt-redis'), 'redis'),
      TIMEOUT,
    );
  });

  describe.skipIf(!redisServerPath())('with a private Redis Cluster (--redis cluster)', () => {
    it(
      'redis: sessions spread over the 3 primaries, keys and bytes read from each',
      async () => {
        const result = await capacity.run({ ...standaloneContext('redis'), store: 'cluster' }, options);
        if (isSkipped(result)) throw new Error(`unexpectedly skipped: ${result.reason}`);
        expectStoresSessions(result, 'redis');
        const shards = result.shards!;
        expect(shards).toHaveLength(3);
        expect(shards.reduce((n, s) => n + s.slots, 0)).toBe(16384);
        // Every primary holds a share of the 3000 sessions (hash slots spread them), and the
        // shares add up to what the population counted.
        expect(shards.reduce((n, s) => n + s.keys, 0)).toBe(3000);
        for (const shard of shards) {
          expect(shard.keys).toBeGreaterThan(500);
          expect(shard.grownBytes).toBeGreaterThan(0);
          expect(shard.sampledKeys).toBeGreaterThan(0);
          expect(shard.sampledKeyBytes!).toBeGreaterThan(40);
          expect(shard.sampledKeyBytes!).toBeLessThan(4000);
        }
      },
      TIMEOUT,
    );
  });
});
