import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from '../cluster/start-cluster.ts';
import { redisServerPath } from '../lib/redis-server.ts';
import * as attacks from '../scenarios/attacks.ts';
import { contextFromCluster, type ScenarioContext, type ScenarioOptions } from '../scenarios/context.ts';
import * as nodeFailure from '../scenarios/node-failure.ts';
import * as relogin from '../scenarios/relogin.ts';
import * as revocation from '../scenarios/revocation.ts';
import * as scale from '../scenarios/scale.ts';
import * as storeFailure from '../scenarios/store-failure.ts';
import * as tokenSize from '../scenarios/token-size.ts';
import { isSkipped } from '../scenarios/types.ts';

const options: ScenarioOptions = { users: 10, requests: 12, durationSeconds: 3, quick: true };

function ok<T>(value: T): Exclude<T, { skipped: true }> {
  if (isSkipped(value)) throw new Error(`unexpectedly skipped: ${value.reason}`);
  return value as Exclude<T, { skipped: true }>;
}

describe.skipIf(!redisServerPath())('jwt + round-robin with a private Redis (3 nodes)', () => {
  let cluster: Cluster;
  let ctx: ScenarioContext;
  beforeAll(async () => {
    cluster = await startCluster({ mode: 'jwt', nodes: 3, redisUrl: '' });
    ctx = contextFromCluster(cluster);
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
  });

  it('revocation: denylist on logout; refresh rotation with reuse detection', async () => {
    const result = await revocation.run(ctx, options);
    expect(result.afterLogoutSeconds).toBeLessThan(0.5);
    expect(result.stolenWorksSeconds).toBeGreaterThan(60);
    expect(result.refresh).toEqual({ rotated: true, reuseDetected: true, familyRevoked: true });
  });

  it('store-failure: access keeps working while refresh fails', async () => {
    const result = ok(await storeFailure.run(ctx, options));
    expect(result.accessOkDuringOutage).toBeGreaterThan(0);
    expect(result.refreshFailedDuringOutage).toBeGreaterThan(0);
    expect(result.failedRequests).toBeLessThanOrEqual(result.totalRequests * 0.05);
  });

  it('scale: 0% failures at any N', async () => {
    const result = ok(await scale.run(ctx, { ...options, users: 6, requests: 8, scaleNodes: [1, 2] }));
    expect(result.points.map((p) => p.failureRate)).toEqual([0, 0]);
  });

  it('node-failure: nobody loses a session when a node dies', async () => {
    const result = ok(await nodeFailure.run(ctx, { ...options, durationSeconds: 2, restore: false }));
    expect(result.sessionsLost).toBe(0);
    expect(result.failedRequests).toBeLessThan(result.totalRequests * 0.1);
  });
});

describe('jwt without a store', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ mode: 'jwt', nodes: 2, jwtStore: false });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('a logged-out token keeps working until it expires; no reuse detection; no store to fail', async () => {
    const ctx = contextFromCluster(cluster);
    expect(cluster.store).toBe('none');
    const result = await revocation.run(ctx, options);
    expect(result.afterLogoutSeconds).toBeGreaterThan(60);
    expect(result.stoppedBy).toMatch(/expir/);
    expect(result.refresh?.reuseDetected).toBe(false);
    expect(isSkipped(await storeFailure.run(ctx, options))).toBe(true);
  });
});
