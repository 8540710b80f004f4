import { type RunMode, runModeOptions, runNeedsStore } from '../../cluster/run-modes.ts';
import { type Cluster, StoreUnavailableError, startCluster } from '../../cluster/start-cluster.ts';
import { isSkipped, type Skipped } from './types.ts';

/**
 * A private one-node cluster of `runMode` (no balancer). A run that needs Redis and cannot have
 * one is skipped with the launcher's reason (and nothing is left running).
 */
export async function startPrivateNode(
  runMode: RunMode,
  env: Record<string, string>,
  redisUrl: string | undefined,
  redis: 'single' | 'cluster' = 'single',
): Promise<Cluster | Skipped> {
  let cluster: Cluster;
  try {
    cluster = await startCluster({
      ...runModeOptions(runMode),
      nodes: 1,
      balancer: false,
      redis,
      ...(redisUrl !== undefined && { redisUrl }),
      env,
    });
  } catch (error) {
    if (error instanceof StoreUnavailableError) return { skipped: true, reason: error.reason };
    throw error;
  }
  if (runNeedsStore(runMode) && cluster.store === 'none') {
    await cluster.close();
    return { skipped: true, reason: cluster.storeNote ?? 'no Redis for this run' };
  }
  return cluster;
}

/** Runs `body` with a private node (see startPrivateNode) and always tears it down. */
export async function withPrivateNode<T>(
  runMode: RunMode,
  env: Record<string, string>,
  redisUrl: string | undefined,
  body: (cluster: Cluster) => Promise<T>,
  redis: 'single' | 'cluster' = 'single',
): Promise<T | Skipped> {
  const cluster = await startPrivateNode(runMode, env, redisUrl, redis);
  if (isSkipped(cluster)) return cluster;
  try {
    return await body(cluster);
  } finally {
    await cluster.close();
  }
}
