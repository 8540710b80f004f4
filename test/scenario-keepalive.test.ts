import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryPath } from '../cluster/external-balancers/start-external.ts';
import { type Cluster, startCluster } from '../cluster/start-cluster.ts';
import { contextFromCluster } from '../scenarios/context.ts';
import { expectedKeepaliveRate, run } from '../scenarios/keepalive.ts';

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

// Our balancer's `connection` strategy and HAProxy's layer-4 mode (an independent reference) must
// both show the lesson.
for (const kind of ['builtin', 'haproxy'] as const) {
  const absent = kind === 'haproxy' && !binaryPath('haproxy');
  describe.skipIf(absent)(`keepalive behind a per-connection balancer (${kind})`, () => {
    let cluster: Cluster;
    beforeAll(async () => {
      cluster = await startCluster({ mode: 'memory', nodes: 3, strategy: 'connection', balancerKind: kind });
    });
    afterAll(async () => {
      await cluster?.close();
    });

    it('one keep-alive connection: 0 failures; re-opened every 4 requests: failures near theory', async () => {
      const result = await run(contextFromCluster(cluster), {
        users: 12,
        requests: 0,
        durationSeconds: 1,
        quick: false,
        reconnectEvery: 4,
      });
      const [kept, reopened] = result.lines;
      expect(kept!.failures).toBe(0);
      expect(kept!.connections).toBe(12);
      expect(reopened!.connections).toBeGreaterThan(12 * 5);
      expect(reopened!.expectedRate).toBeCloseTo((2 / 3) * (21 / 24), 5);
      expect(Math.abs(reopened!.failureRate - reopened!.expectedRate)).toBeLessThan(0.15);
    });
  });
}
