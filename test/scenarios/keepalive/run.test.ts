import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryPath } from '../../../cluster/external-balancers/start-external.ts';
import { type Cluster, startCluster } from '../../../cluster/start-cluster.ts';
import { contextFromCluster } from '../../../scenarios/core/context.ts';
import { isSkipped } from '../../../scenarios/core/types.ts';
import {
  expectedKeepaliveRate,
  type KeepaliveResult,
  measureKeepaliveLine,
  run,
} from '../../../scenarios/keepalive/run.ts';

describe('keepalive theory', () => {
  it('per-connection balancing fails only after a reconnect; per-request round-robin always', () => {
    expect(expectedKeepaliveRate('memory', 'connection', 3, 24, null)).toBe(0);
    // login + 3 requests on the first connection; 21 of 24 requests on later ones, 2/3 of them miss.
    expect(expectedKeepaliveRate('memory', 'connection', 3, 24, 4)).toBeCloseTo((2 / 3) * (21 / 24), 10);
    expect(expectedKeepaliveRate('memory', 'round-robin', 3, 24, null)).toBeCloseTo(2 / 3, 10);
    expect(expectedKeepaliveRate('memory', 'sticky', 3, 24, 4)).toBe(0);
    expect(expectedKeepaliveRate('redis', 'connection', 3, 24, 4)).toBe(0);
  });
});

function ok(result: KeepaliveResult | { skipped: true; reason: string }): KeepaliveResult {
  if (isSkipped(result)) throw new Error(`unexpectedly skipped: ${result.reason}`);
  return result;
}

describe('keepalive on a memory + round-robin cluster (our connection strategy beside it)', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ mode: 'memory', nodes: 3, strategy: 'round-robin' });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('one keep-alive connection: 0 failures; re-opened every 4: near theory; per request: about 2/3', async () => {
    const result = ok(
      await run(contextFromCluster(cluster), {
        users: 12,
        requests: 0,
        durationSeconds: 1,
        quick: false,
        reconnectEvery: 4,
      }),
    );
    const [kept, reopened, perRequest] = result.lines;
    expect(kept).toMatchObject({
      strategy: 'connection',
      reconnectEvery: null,
      failures: 0,
      connections: 12,
    });
    expect(reopened!.strategy).toBe('connection');
    expect(reopened!.connections).toBeGreaterThan(12 * 5);
    expect(reopened!.expectedRate).toBeCloseTo((2 / 3) * (21 / 24), 5);
    expect(Math.abs(reopened!.failureRate - reopened!.expectedRate)).toBeLessThan(0.15);
    expect(perRequest!.strategy).toBe('round-robin');
    expect(Math.abs(perRequest!.failureRate - 2 / 3)).toBeLessThan(0.15);
  });

  it('is skipped with the reason where nothing was launched (--target)', async () => {
    const result = await run(
      { ...contextFromCluster(cluster), cluster: undefined },
      {
        users: 4,
        requests: 0,
        durationSeconds: 1,
        quick: true,
      },
    );
    expect(isSkipped(result) && result.reason).toMatch(/embedded launcher/);
  });
});

// HAProxy's layer-4 mode is an independent reference for the same lesson.
describe.skipIf(!binaryPath('haproxy'))('keepalive behind HAProxy in mode tcp', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      mode: 'memory',
      nodes: 3,
      strategy: 'connection',
      balancerKind: 'haproxy',
    });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('one keep-alive connection: 0 failures; re-opened every 4 requests: failures near theory', async () => {
    const target = { url: cluster.url, mode: 'memory' as const, strategy: 'connection', nodes: 3 };
    const kept = await measureKeepaliveLine(target, 12, 24, null, 600);
    const reopened = await measureKeepaliveLine(target, 12, 24, 4, 700);
    expect(kept.failures).toBe(0);
    expect(Math.abs(reopened.failureRate - reopened.expectedRate)).toBeLessThan(0.15);
  });
});
