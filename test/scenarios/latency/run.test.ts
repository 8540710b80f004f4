import { describe, expect, it } from 'vitest';
import { livePids } from '../../../cluster/processes.ts';
import { redisServerPath } from '../../../lib/redis-server.ts';
import { isSkipped } from '../../../scenarios/core/types.ts';
import { run, SWEEP_RTTS_MS } from '../../../scenarios/latency/run.ts';
import { standaloneContext } from '../../helpers/standalone-context.ts';

const options = { users: 4, requests: 1, durationSeconds: 1, quick: true, loadRounds: 2, rate: 40 };

describe('latency sweep', () => {
  it('is skipped, with the reason, for runs without a store on the request path', async () => {
    for (const mode of ['memory', 'jwt'] as const) {
      const result = await run(standaloneContext(mode), options);
      expect(isSkipped(result) && result.reason).toMatch(/no store on the request path/);
    }
  });

  it.skipIf(!redisServerPath())(
    'redis: one private cluster per store RTT, each request waits at least the RTT, nothing left running',
    async () => {
      const result = await run(standaloneContext('redis'), options);
      if (isSkipped(result)) throw new Error(`unexpectedly skipped: ${result.reason}`);
      expect(result.roundTrips).toBe(1);
      expect(result.rounds).toBe(2);
      expect(result.points.map((p) => p.storeRttMs)).toEqual([...SWEEP_RTTS_MS]);
      for (const point of result.points) {
        expect(point.failed).toBe(0);
        // The relay never releases early: the link is at least as slow as set.
        expect(point.measuredRttMs).toBeGreaterThanOrEqual(point.storeRttMs * 0.95);
        // Every GET /api/me waits for its session GET across the link: a hard floor on p50.
        expect(point.p50.min).toBeGreaterThanOrEqual(point.storeRttMs * 0.95);
        expect(point.p50.values).toHaveLength(2);
      }
      expect(result.points[0]!.addedP50.median).toBe(0);
      expect(result.points[2]!.theoryAddedMs).toBeGreaterThan(1.5);
      expect(livePids()).toEqual([]);
    },
    240_000,
  );
});
