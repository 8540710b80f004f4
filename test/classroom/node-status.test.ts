import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassroom } from '../../classroom/build-classroom.ts';
import { LiveCluster } from '../../classroom/live-cluster.ts';
import { nodeStatus } from '../../classroom/node-status.ts';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';

/**
 * A node is "up" on the projector only when the balancer routes to it. Unit rule first, then a
 * real 3-node cluster: through kill-node and restart-node, every /api/state that calls node-2 up
 * is followed by a /__lb/stats that routes to it, and the expected failure rate counts only
 * routed nodes.
 */
describe('nodeStatus', () => {
  const routing = { up: [true, true], polledAt: 1000 };
  it('is down without a process, whatever the balancer said', () => {
    expect(nodeStatus(false, 0, routing, 0)).toBe('down');
  });
  it('is up when a poll sent after the last change routes to it', () => {
    expect(nodeStatus(true, 1, routing, 999)).toBe('up');
  });
  it('is starting when the only poll predates the restart, even if that poll said up', () => {
    expect(nodeStatus(true, 1, routing, 1000)).toBe('starting');
    expect(nodeStatus(true, 1, routing, 5000)).toBe('starting');
  });
  it('is starting when the balancer does not route to it', () => {
    expect(nodeStatus(true, 0, { up: [false], polledAt: 2000 }, 1000)).toBe('starting');
    expect(nodeStatus(true, 3, routing, 0)).toBe('starting');
  });
});

describe('the state agrees with the balancer through kill and restart', () => {
  let live: LiveCluster;
  let app: ReturnType<typeof buildClassroom>;

  beforeAll(async () => {
    live = await LiveCluster.start({
      setup: { mode: 'memory', strategy: 'round-robin', nodes: 3 },
      balancerPort: await freePort(),
      healthInterval: '250ms',
    });
    // No traffic: nothing ejects the killed node, only the health checks notice it.
    app = buildClassroom({ live, lang: 'en', trafficRate: 0 });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await live?.close();
  });

  const control = (body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/control',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  const routedByBalancer = async (): Promise<boolean[]> => {
    const stats = (await (await fetch(`${live.balancerUrl}/__lb/stats`)).json()) as {
      targets: { up: boolean }[];
    };
    return stats.targets.map((t) => t.up);
  };
  const state = async () =>
    (await app.inject({ url: '/api/state' })).json() as {
      nodes: { id: string; up: boolean; status: string }[];
      expectedFailureRate: number;
    };

  /** Samples state then stats until `done`; returns the mismatches (state up, balancer not). */
  async function sampleUntil(done: () => boolean): Promise<string[]> {
    const wrong: string[] = [];
    let samples = 0;
    while (!done() || samples < 5) {
      const seen = await state();
      const routed = await routedByBalancer();
      samples++;
      seen.nodes.forEach((node, i) => {
        if (node.up && !routed[i]) wrong.push(`${node.id} up on the console, down at the balancer`);
      });
      const upCount = seen.nodes.filter((n) => n.up).length;
      const expected = upCount === 0 ? 1 : (upCount - 1) / upCount;
      if (Math.abs(seen.expectedFailureRate - expected) > 1e-9) wrong.push('expected rate from other nodes');
    }
    return wrong;
  }

  it('kill-node finishes only once the balancer has taken the node out', async () => {
    expect((await control({ action: 'kill-node', id: 'node-2' })).statusCode).toBe(202);
    const wrong = await sampleUntil(() => live.applying === undefined);
    expect(wrong).toEqual([]);
    expect((await routedByBalancer())[1]).toBe(false);
    expect((await state()).nodes[1]).toMatchObject({ status: 'down', up: false });
    expect((await state()).expectedFailureRate).toBeCloseTo(1 / 2);
  }, 60_000);

  it('after restart-node the node is starting until the balancer routes to it, then up', async () => {
    expect((await control({ action: 'restart-node', id: 'node-2' })).statusCode).toBe(202);
    const wrong = await sampleUntil(() => live.applying === undefined);
    await waitFor(async () => (await state()).nodes[1]!.up, {
      timeoutMs: 10_000,
      what: 'node-2 up on the console',
    });
    expect(wrong).toEqual([]);
    expect((await routedByBalancer())[1]).toBe(true);
    expect((await state()).expectedFailureRate).toBeCloseTo(2 / 3);
  }, 60_000);

  it('restarting right after a kill never shows the node up before the balancer routes to it', async () => {
    for (let round = 0; round < 2; round++) {
      expect((await control({ action: 'kill-node', id: 'node-3' })).statusCode).toBe(202);
      await waitFor(async () => live.applying === undefined, { timeoutMs: 30_000, what: 'kill done' });
      expect((await control({ action: 'restart-node', id: 'node-3' })).statusCode).toBe(202);
      const wrong = await sampleUntil(() => live.applying === undefined);
      expect(wrong).toEqual([]);
    }
  }, 120_000);
});
