import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from '../../../cluster/start-cluster.ts';
import { redisServerPath } from '../../../lib/redis-server.ts';
import * as attacks from '../../../scenarios/attacks/run.ts';
import {
  contextFromCluster,
  type ScenarioContext,
  type ScenarioOptions,
} from '../../../scenarios/core/context.ts';
import { isSkipped } from '../../../scenarios/core/types.ts';
import * as load from '../../../scenarios/load/run.ts';
import * as nodeFailure from '../../../scenarios/node-failure/run.ts';
import * as relogin from '../../../scenarios/relogin/run.ts';
import * as revocation from '../../../scenarios/revocation/run.ts';
import * as storeFailure from '../../../scenarios/store-failure/run.ts';
import { expectTotalsMatchTimeline } from '../../helpers/failure-totals.ts';

const options: ScenarioOptions = { users: 10, requests: 12, durationSeconds: 3, quick: true };

function ok<T>(value: T): Exclude<T, { skipped: true }> {
  if (isSkipped(value)) throw new Error(`unexpectedly skipped: ${value.reason}`);
  return value as Exclude<T, { skipped: true }>;
}

// A private redis-server (redisUrl '' ignores any REDIS_URL: tests never touch a shared Redis).
describe.skipIf(!redisServerPath())('redis + round-robin (3 nodes, private redis-server)', () => {
  let cluster: Cluster;
  let ctx: ScenarioContext;
  beforeAll(async () => {
    cluster = await startCluster({ mode: 'redis', nodes: 3, redisUrl: '' });
    ctx = contextFromCluster(cluster);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('relogin: a shared store never fails over round-robin', async () => {
    const result = await relogin.run(ctx, options);
    expect(result.failures).toBe(0);
    expect(Object.keys(result.servedBy)).toHaveLength(3);
  });

  it('revocation: logout kills every copy of the session id at once', async () => {
    const result = await revocation.run(ctx, options);
    expect(result.afterLogout).toMatchObject({ measured: true, stoppedBy: 'logout' });
    expect(result.afterLogout.seconds).toBeLessThan(1);
    // Unused, a stolen id dies at the (short) idle timeout; the production figure is derived.
    expect(result.stolenAccess).toMatchObject({ measured: true, stoppedBy: 'idle-expiry' });
    expect(result.stolenAccess.seconds).toBeGreaterThan(result.settings.sessionIdleTtl - 3);
    expect(result.stolenAccess.seconds).toBeLessThan(result.settings.sessionIdleTtl + 1.5);
    expect(result.stolenAccess.production).toEqual({
      seconds: 1800,
      setting: 'SESSION_IDLE_TTL',
      measured: false,
    });
  });

  it('attacks: every forged cookie is rejected', async () => {
    const result = await attacks.run(ctx, options);
    expect(result.rejected).toBe(result.tried);
  });

  it('load: at least one Redis command per authenticated request', async () => {
    const result = ok(await load.run(ctx, { ...options, users: 5, durationSeconds: 1, rate: 80 }));
    expect(result.maxRate.non2xx).toBe(0);
    expect(result.storeOpsPerRequest).toBeGreaterThanOrEqual(0.9);
    expect(result.cpuMicrosPerRequest).toBeGreaterThan(0);
  });

  it('store-failure: Redis down fails requests, and its restart (no persistence) loses sessions', async () => {
    const result = ok(await storeFailure.run(ctx, options));
    expect(result.failedRequests).toBeGreaterThan(0);
    expect(result.sessionsLost).toBeGreaterThan(0);
    expect(result.accessOkDuringOutage).toBeUndefined();
    expect(result.sentinel).toBeUndefined();
    expect(result.timeline.some((p) => p.failed > 0)).toBe(true);
    expect(result.timeline.at(-1)!.failed).toBe(0);
    expect(result.fault.kind).toBe('stop');
    expect(result.fault.endedAt).toBeDefined();
    expect(result.failingSeconds).toBeGreaterThanOrEqual(result.secondsToRecover);
    expectTotalsMatchTimeline(result);
  });

  it('node-failure: nobody loses a session when a node dies', async () => {
    const result = ok(await nodeFailure.run(ctx, { ...options, durationSeconds: 2, restore: false }));
    expect(result.sessionsLost).toBe(0);
    expect(result.reloginsForced).toBe(0);
    expect(result.failedRequests).toBeLessThan(result.totalRequests * 0.1);
    expectTotalsMatchTimeline(result);
  });
});
