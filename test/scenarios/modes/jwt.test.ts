import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModeOptions } from '../../../cluster/run-modes.ts';
import { type Cluster, StoreUnavailableError, startCluster } from '../../../cluster/start-cluster.ts';
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
import * as scale from '../../../scenarios/scale/run.ts';
import * as storeFailure from '../../../scenarios/store-failure/run.ts';
import * as tokenSize from '../../../scenarios/token-size/run.ts';
import { expectTotalsMatchTimeline } from '../../helpers/failure-totals.ts';

const options: ScenarioOptions = { users: 10, requests: 12, durationSeconds: 3, quick: true };

function ok<T>(value: T): Exclude<T, { skipped: true }> {
  if (isSkipped(value)) throw new Error(`unexpectedly skipped: ${value.reason}`);
  return value as Exclude<T, { skipped: true }>;
}

describe.skipIf(!redisServerPath())('jwt-redis + round-robin with a private Redis (3 nodes)', () => {
  let cluster: Cluster;
  let ctx: ScenarioContext;
  beforeAll(async () => {
    cluster = await startCluster({ ...runModeOptions('jwt-redis'), nodes: 3, redisUrl: '' });
    ctx = contextFromCluster(cluster);
    expect(ctx.run).toBe('jwt-redis');
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('relogin: stateless tokens work on every node', async () => {
    const result = await relogin.run(ctx, options);
    expect(result.failures).toBe(0);
    expect(Object.keys(result.servedBy)).toHaveLength(3);
  });

  it('token-size: a bearer JWT, readable by anyone', async () => {
    const result = await tokenSize.run(ctx, options);
    expect(result.credentialKind).toBe('bearer');
    expect(result.credentialBytes).toBeGreaterThan(150);
    expect(result.decoded?.header.alg).toBe('HS256');
    expect(result.decoded?.payload.sub).toBe('alice');
  });

  it('attacks: alg none, stripped signature, tampered, expired, wrong key… all rejected', async () => {
    const result = await attacks.run(ctx, options);
    const names = result.cases.map((c) => c.name);
    for (const name of [
      'alg none',
      'stripped signature',
      'tampered payload',
      'wrong key',
      'expired (real key)',
    ]) {
      expect(names).toContain(name);
    }
    expect(result.cases.filter((c) => !c.rejected)).toEqual([]);
    expect(result.cases.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'alg-none',
        'signature-stripped',
        'payload-tampered',
        'wrong-key',
        'expired-token',
      ]),
    );
    expect(result.cases.every((c) => c.status === 401 && c.rejectedMeans === 'status-401')).toBe(true);
  });

  it("revocation (short lifetimes): denylist at logout; a stolen refresh token dies at the victim's next refresh", async () => {
    const result = await revocation.run(ctx, options);
    expect(result.afterLogout).toMatchObject({
      measured: true,
      stoppedBy: 'denylist',
      code: 'ERR_TOKEN_REVOKED',
    });
    expect(result.afterLogout.seconds).toBeLessThan(1);
    // Without logout the copy lives until exp (+ the clock tolerance), measured on the short TTL.
    expect(result.stolenAccess).toMatchObject({ measured: true, stoppedBy: 'access-expiry' });
    expect(result.stolenAccess.seconds).toBeGreaterThanOrEqual(result.settings.accessTokenTtl - 1);
    expect(result.stolenAccess.production).toEqual({
      seconds: result.productionSettings.accessTokenTtl + result.clockToleranceSeconds,
      setting: 'ACCESS_TOKEN_TTL',
      measured: false,
    });
    const stolen = result.stolenRefresh!;
    expect(stolen).toMatchObject({
      measured: true,
      stoppedBy: 'reuse-detection',
      code: 'ERR_REFRESH_REUSED',
    });
    expect(stolen.victimRefreshedAt).toBeGreaterThan(2.5);
    expect(stolen.seconds).toBeGreaterThanOrEqual(stolen.victimRefreshedAt!);
    expect(stolen.seconds).toBeLessThan(result.settings.refreshTokenTtl);
    expect(stolen.accessTokensMinted).toBeGreaterThan(0);
    expect(result.refresh).toEqual({ rotated: true, reuseDetected: true, familyRevoked: true });
  });

  it('load: about one Redis command per request (the denylist lookup), in interleavable rounds', async () => {
    const result = ok(
      await load.run(ctx, { ...options, users: 5, durationSeconds: 1, rate: 80, loadRounds: 2 }),
    );
    expect(result.storeOpsPerRequest).toBeGreaterThanOrEqual(0.9);
    expect(result.storeOpsPerRequest).toBeLessThan(1.3);
    expect(result.rounds).toHaveLength(2);
    expect(result.spread.cpuMicrosPerRequest.values).toHaveLength(2);
    expect(result.spread.requestsPerSecond.min).toBeLessThanOrEqual(result.spread.requestsPerSecond.max);
  });

  it('store-failure: access keeps working while refresh fails; totals = timeline sums', async () => {
    const result = ok(await storeFailure.run(ctx, options));
    expect(result.accessOkDuringOutage).toBeGreaterThan(0);
    expect(result.refreshFailedDuringOutage).toBeGreaterThan(0);
    expect(result.byKind.access.failed).toBeLessThanOrEqual(result.byKind.access.ok * 0.05);
    expect(result.refreshFamiliesLost).toBeGreaterThanOrEqual(0);
    expect(result.sessionsLost).toBe(0);
    expectTotalsMatchTimeline(result);
  });

  it('scale: 0% failures at any N', async () => {
    const result = ok(await scale.run(ctx, { ...options, users: 6, requests: 8, scaleNodes: [1, 2] }));
    expect(result.points.map((p) => p.failureRate)).toEqual([0, 0]);
  });

  it('node-failure: nobody loses a session when a node dies', async () => {
    const result = ok(await nodeFailure.run(ctx, { ...options, durationSeconds: 2, restore: false }));
    expect(result.sessionsLost).toBe(0);
    expect(result.failedRequests).toBeLessThan(result.totalRequests * 0.1);
    expectTotalsMatchTimeline(result);
  });
});

describe('jwt (stateless: no store at all)', () => {
  let cluster: Cluster;
  let ctx: ScenarioContext;
  beforeAll(async () => {
    cluster = await startCluster({ ...runModeOptions('jwt'), nodes: 2 });
    ctx = contextFromCluster(cluster);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('runs without Redis even when one is available', () => {
    expect(cluster.store).toBe('none');
    expect(ctx.run).toBe('jwt');
  });

  it('revocation (short lifetimes): logout changes nothing, a stolen refresh token mints until it expires', async () => {
    const result = await revocation.run(ctx, options);
    expect(result.afterLogout).toMatchObject({
      measured: true,
      stoppedBy: 'access-expiry',
      code: 'ERR_TOKEN_EXPIRED',
    });
    expect(result.afterLogout.seconds).toBeGreaterThanOrEqual(result.settings.accessTokenTtl);
    expect(result.afterLogout.runSetting).toEqual({ name: 'ACCESS_TOKEN_TTL', seconds: 5 });
    const stolen = result.stolenRefresh!;
    expect(stolen).toMatchObject({ measured: true, stoppedBy: 'refresh-expiry' });
    // The victim's refresh at ~3 s changed nothing: the thief went on until the refresh token's exp.
    expect(stolen.seconds).toBeGreaterThanOrEqual(result.settings.refreshTokenTtl - 1);
    expect(stolen.production?.measured).toBe(false);
    expect(result.refresh).toBeUndefined();
  });

  it('load: zero store operations per request', async () => {
    const result = ok(
      await load.run(ctx, { ...options, users: 4, durationSeconds: 1, rate: 60, loadRounds: 2 }),
    );
    expect(result.storeOpsPerRequest).toBe(0);
    expect(result.rounds.map((r) => r.round)).toEqual([1, 2]);
  });

  it('store-failure has nothing to fail; node-failure totals = timeline sums', async () => {
    expect(isSkipped(await storeFailure.run(ctx, options))).toBe(true);
    const result = ok(await nodeFailure.run(ctx, { ...options, durationSeconds: 2, restore: false }));
    expect(result.sessionsLost).toBe(0);
    expect(result.fault.killedAt).toBe(result.fault.beganAt);
    expectTotalsMatchTimeline(result);
  });
});

describe('jwt-redis without Redis', () => {
  it('is refused with the reason, never silently stateless', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const started = startCluster({ ...runModeOptions('jwt-redis'), nodes: 1, redisUrl: '' });
      await expect(started).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(started).rejects.toThrow(/redis-server/);
    } finally {
      process.env.PATH = path;
    }
  });
});
