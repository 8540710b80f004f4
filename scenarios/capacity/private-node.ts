import { type RunMode, runModeOptions, runNeedsStore } from '../../cluster/run-modes.ts';
import { type Cluster, StoreUnavailableError, startCluster } from '../../cluster/start-cluster.ts';
import type { Skipped } from '../types.ts';

/**
 * Runs `body` with a private one-node cluster of `runMode` (no balancer) and always tears it down.
 * A run that needs Redis and cannot have one is skipped with the launcher's reason.
 */
export async function withPrivateNode<T>(
  runMode: RunMode,
  env: Record<string, string>,
  redisUrl: string | undefined,
  body: (cluster: Cluster) => Promise<T>,
): Promise<T | Skipped> {
  let cluster: Cluster;
  try {
    cluster = await startCluster({
      ...runModeOptions(runMode),
      nodes: 1,
      balancer: false,
      redis: 'single',
      ...(redisUrl !== undefined && { redisUrl }),
      env,
    });
  } catch (error) {
    if (error instanceof StoreUnavailableError) return { skipped: true, reason: error.reason };
    throw error;
  }
  try {
    if (runNeedsStore(runMode) && cluster.store === 'none') {
      return { skipped: true, reason: cluster.storeNote ?? 'no Redis for this run' };
    }
    return await body(cluster);
  } finally {
    await cluster.close();
  }
}
