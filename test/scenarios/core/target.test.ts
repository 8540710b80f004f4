import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from '../../../cluster/start-cluster.ts';
import { redisServerPath } from '../../../lib/redis-server.ts';
import { runDemo } from '../../../scenarios/core/demo.ts';
import { isSkipped } from '../../../scenarios/core/types.ts';

/**
 * `--target URL`: the scenarios against a cluster they did not launch (as under docker compose).
 * A local cluster stands in for it; the scenarios get only its URL plus what a compose user would
 * pass in the environment (ADMIN_TOKEN, REDIS_URL, AUTH_SECRET).
 */
describe.skipIf(!redisServerPath())('--target: an already running redis cluster', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ mode: 'redis', nodes: 2, redisUrl: '' });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('without ADMIN_TOKEN / REDIS_URL the fault scenarios are skipped with the reason', async () => {
    const report = await runDemo({
      target: cluster.url,
      quick: true,
      users: 4,
      requests: 6,
      scenarios: ['relogin', 'node-failure', 'store-failure', 'scale'],
    });
    expect(report.config.target).toBe(cluster.url);
    const run = report.results[0]!;
    expect(run.mode).toBe('redis');
    expect(run.strategy).toBe('round-robin');
    expect(run.nodes).toBe(2);
    const relogin = run.scenarios.relogin;
    expect(relogin && !isSkipped(relogin) && relogin.failures).toBe(0);
    for (const [name, hint] of [
      ['node-failure', 'ADMIN_TOKEN'],
      ['store-failure', 'REDIS_URL'],
      ['scale', '--target'],
    ] as const) {
      const result = run.scenarios[name];
      expect(isSkipped(result), name).toBe(true);
      expect(isSkipped(result) && result.reason, name).toContain(hint);
    }
  });

  it('with REDIS_URL and ADMIN_TOKEN: CLIENT PAUSE fails requests without losing sessions; a node crashes', async () => {
    const report = await runDemo({
      target: cluster.url,
      // The balancer refuses /__admin/* from outside: the crash goes to the nodes (TARGET_NODES).
      targetSettings: {
        adminToken: cluster.adminToken,
        redisUrl: cluster.redisUrl!,
        secret: cluster.secret,
        nodeUrls: cluster.nodeUrls,
      },
      quick: true,
      users: 4,
      requests: 6,
      durationSeconds: 3,
      scenarios: ['attacks', 'store-failure', 'node-failure'],
    });
    const { scenarios } = report.results[0]!;
    const attacks = scenarios.attacks;
    expect(attacks && !isSkipped(attacks) && attacks.rejected === attacks.tried).toBe(true);
    expect(attacks && !isSkipped(attacks) && attacks.cases.map((c) => c.name)).toContain(
      'signed unknown sid (real key)',
    );

    const store = scenarios['store-failure'];
    if (!store || isSkipped(store)) throw new Error(`store-failure skipped: ${store?.reason}`);
    expect(store.failedRequests).toBeGreaterThan(0);
    expect(store.sessionsLost).toBe(0);

    const node = scenarios['node-failure'];
    if (!node || isSkipped(node)) throw new Error(`node-failure skipped: ${node?.reason}`);
    expect(node.sessionsLost).toBe(0);
    // The crash route really took a node down (nobody restarts it here).
    expect(cluster.pids()).toHaveLength(3); // 1 node + balancer + redis-server
  });
});
