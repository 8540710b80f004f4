import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from '../../../cluster/start-cluster.ts';
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

/** Small, quick settings: the assertions are qualitative (who fails, who does not). */
const options: ScenarioOptions = { users: 12, requests: 15, durationSeconds: 2, quick: true };

function ok<T>(value: T): Exclude<T, { skipped: true }> {
  if (isSkipped(value)) throw new Error(`unexpectedly skipped: ${value.reason}`);
  return value as Exclude<T, { skipped: true }>;
}

describe('memory + round-robin (3 nodes)', () => {
  let cluster: Cluster;
  let ctx: ScenarioContext;
  beforeAll(async () => {
    cluster = await startCluster({ mode: 'memory', nodes: 3, strategy: 'round-robin' });
    ctx = contextFromCluster(cluster);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('relogin fails about (N-1)/N of authenticated requests, spread over every node', async () => {
    // Concurrent users interleave at the balancer, so the rate is statistical around 2/3.
    const result = await relogin.run(ctx, { ...options, users: 20, requests: 18 });
    expect(result.requests).toBe(20 * 18);
    expect(result.expectedRate).toBeCloseTo(2 / 3, 5);
    expect(Math.abs(result.failureRate - 2 / 3)).toBeLessThan(0.12);
    expect(Object.keys(result.servedBy).sort()).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('token-size: the credential is the signed sid cookie', async () => {
    const result = await tokenSize.run(ctx, options);
    expect(result.credentialKind).toBe('cookie');
    expect(result.credentialBytes).toBeGreaterThan(40);
    expect(result.credentialBytes).toBeLessThan(200);
    expect(result.requestHeaderBytes).toBeGreaterThan(result.credentialBytes);
    expect(result.decoded).toBeUndefined();
  });

  it('attacks: every forged or tampered cookie is rejected', async () => {
    const result = await attacks.run(ctx, options);
    expect(result.tried).toBeGreaterThanOrEqual(6);
    expect(result.cases.filter((c) => !c.rejected)).toEqual([]);
    expect(result.rejected).toBe(result.tried);
    // Fixation is not a 401 case: the login succeeds, and "rejected" means a new id was issued.
    const fixation = result.cases.find((c) => c.id === 'session-fixation')!;
    expect(fixation).toMatchObject({ status: 200, rejected: true, rejectedMeans: 'id-not-adopted' });
    const others = result.cases.filter((c) => c.id !== 'session-fixation');
    expect(others.every((c) => c.status === 401 && c.rejectedMeans === 'status-401')).toBe(true);
  });

  it('revocation: a stolen session id works until the session ends', async () => {
    const result = await revocation.run(ctx, options);
    expect(result.stolenAccess).toMatchObject({ measured: true, stoppedBy: 'idle-expiry' });
    expect(result.stolenAccess.seconds).toBeGreaterThan(result.settings.sessionIdleTtl - 3);
    expect(result.stolenAccess.seconds).toBeLessThan(result.settings.sessionIdleTtl + 1.5);
    // Round-robin: logout reaches one node; if not the session's, the thief keeps it alive until
    // the absolute timeout.
    expect(['logout', 'absolute-expiry']).toContain(result.afterLogout.stoppedBy);
    if (result.afterLogout.stoppedBy === 'absolute-expiry') {
      expect(result.afterLogout.seconds).toBeGreaterThan(result.settings.sessionAbsoluteTtl - 2);
    }
    expect(result.stolenRefresh).toBeUndefined();
    expect(result.refresh).toBeUndefined();
  });

  it('scale: failure rate follows (N-1)/N on the same nodes', async () => {
    const result = ok(await scale.run(ctx, { ...options, users: 8, requests: 12, scaleNodes: [1, 3] }));
    expect(result.points.map((p) => p.nodes)).toEqual([1, 3]);
    expect(result.points[0]!.failureRate).toBe(0);
    expect(Math.abs(result.points[1]!.failureRate - 2 / 3)).toBeLessThan(0.12);
    expect(result.points[1]!.cpuMicrosPerRequest).toBeGreaterThan(0);
  });

  it('store-failure, node-failure and load say why they do not apply', async () => {
    expect(isSkipped(await load.run(ctx, options))).toBe(true);
    expect(isSkipped(await storeFailure.run(ctx, options))).toBe(true);
    expect(isSkipped(await nodeFailure.run(ctx, options))).toBe(true);
  });
});

describe('memory + sticky (3 nodes)', () => {
  let cluster: Cluster;
  let ctx: ScenarioContext;
  beforeAll(async () => {
    cluster = await startCluster({ mode: 'memory', nodes: 3, strategy: 'sticky' });
    ctx = contextFromCluster(cluster);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('relogin: sticky sessions never fail', async () => {
    const result = await relogin.run(ctx, options);
    expect(result.failures).toBe(0);
    expect(result.expectedRate).toBe(0);
  });

  it('load: fixed-rate latency and max-rate figures, no errors, no store', async () => {
    const result = ok(await load.run(ctx, { ...options, users: 6, durationSeconds: 1, rate: 100 }));
    expect(result.connections).toBe(6);
    expect(result.fixedRate.non2xx).toBe(0);
    expect(result.fixedRate.errors).toBe(0);
    expect(result.fixedRate.achieved).toBeGreaterThan(50);
    expect(result.fixedRate.latencyMs.p99).toBeGreaterThanOrEqual(result.fixedRate.latencyMs.p50);
    expect(result.maxRate.requestsPerSecond).toBeGreaterThan(0);
    expect(result.maxRate.non2xx).toBe(0);
    expect(result.cpuMicrosPerRequest).toBeGreaterThan(0);
    expect(result.storeOpsPerRequest).toBe(0);
    expect(result.bytesPerRequest.sent).toBeGreaterThan(100);
    expect(result.spread.latencyMs.p99.values).toHaveLength(1);
  });

  it('node-failure: users pinned to the dead node lose their session, the others do not', async () => {
    const result = ok(await nodeFailure.run(ctx, { ...options, restore: false }));
    expect(result.sessionsBefore).toBe(12);
    expect(result.sessionsLost).toBeGreaterThan(0);
    expect(result.sessionsLost).toBeLessThan(result.sessionsBefore);
    expect(result.reloginsForced).toBeGreaterThanOrEqual(result.sessionsLost);
    expect(result.timeline.length).toBeGreaterThan(2);
    expect(result.byKind.login.ok).toBe(result.reloginsForced);
    expectTotalsMatchTimeline(result);
  });
});
