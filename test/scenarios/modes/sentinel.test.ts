import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from '../../../cluster/start-cluster.ts';
import { redisServerPath } from '../../../lib/redis-server.ts';
import { contextFromCluster } from '../../../scenarios/core/context.ts';
import { isSkipped } from '../../../scenarios/core/types.ts';
import * as relogin from '../../../scenarios/relogin/run.ts';
import * as storeFailure from '../../../scenarios/store-failure/run.ts';

/** `--redis sentinel`: primary, replica and three sentinels; the store survives its primary's death. */
describe.skipIf(!redisServerPath())('redis behind Sentinel (2 nodes)', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ mode: 'redis', nodes: 2, redis: 'sentinel', redisUrl: '' });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('killing the primary fails requests for a few seconds but loses no session', async () => {
    expect(cluster.store).toBe('sentinel');
    expect(cluster.pids()).toHaveLength(2 + 1 + 2 + 3); // nodes, balancer, primary + replica, sentinels
    const ctx = contextFromCluster(cluster);
    const options = { users: 6, requests: 4, durationSeconds: 2, quick: true };
    expect((await relogin.run(ctx, options)).failures).toBe(0);
    const result = await storeFailure.run(ctx, options);
    if (isSkipped(result)) throw new Error(result.reason);
    expect(result.sentinel).toBe(true);
    expect(result.failedRequests).toBeGreaterThan(0);
    expect(result.sessionsLost).toBe(0);
    expect(result.timeline.at(-1)!.failed).toBe(0);
  }, 90_000);
});
