import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { NodeConfig } from './config.ts';

/**
 * One ioredis client per node, tuned so that a dead store costs a fast 503 and never a hang:
 * no offline queue (commands fail at once while disconnected), a command timeout, one retry per
 * request, and reconnection with a short capped backoff so the node heals by itself.
 *
 * The command timeout is the StoreGuard's stall watch (stall-watch.ts; a Redis Cluster: one watch
 * per shard connection, cluster-stall-watch.ts), not ioredis' `commandTimeout`, which arms and
 * clears a timer per command and, on a starved node, can fire before a reply that arrived in time
 * is read.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

/** A node's store client: one Redis (plain or found through Sentinel) or a Redis Cluster. */
export type StoreClient = Redis | Cluster;

/** No per-command timer: the StoreGuard's stall watch times commands out. */
const CLIENT_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  connectTimeout: 1000,
  maxRetriesPerRequest: 1,
  retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1000),
  lazyConnect: false,
};

/** The node's store client: a Redis Cluster client with REDIS_CLUSTER_NODES, else createRedisClient. */
export function createStoreClient(
  config: Pick<NodeConfig, 'redisUrl' | 'redisSentinels' | 'redisMasterName' | 'redisClusterNodes'>,
): StoreClient {
  if (config.redisClusterNodes) return createClusterClient(config.redisClusterNodes, CLIENT_OPTIONS);
  return createRedisClient(config);
}

/**
 * One Redis: found through Sentinel with REDIS_SENTINELS, else REDIS_URL. Its commands have no
 * timeout of their own: run them behind a StoreGuard (whose stall watch is the timeout).
 */
export function createRedisClient(
  config: Pick<NodeConfig, 'redisUrl' | 'redisSentinels' | 'redisMasterName'>,
): Redis {
  const options = CLIENT_OPTIONS;
  if (config.redisSentinels) {
    return new Redis({
      ...options,
      sentinels: config.redisSentinels,
      name: config.redisMasterName!,
      sentinelRetryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 1000),
    });
  }
  if (!config.redisUrl) throw new Error('createRedisClient needs redisUrl or redisSentinels');
  return new Redis(config.redisUrl, options);
}

/**
 * A Redis Cluster client: slots are learned from the seeds and refreshed when a shard's primary
 * changes (MOVED, a dead connection). Reads go to primaries only, so a session written a moment
 * ago is never read from a replica that has not seen it yet. Per-shard connections keep the same
 * fail-fast settings as above; the cluster-level offline queue is off too, so a command for a
 * shard without a primary fails at once (503) while the other shards keep answering.
 */
function createClusterClient(seeds: { host: string; port: number }[], options: RedisOptions): Cluster {
  return new Cluster(seeds, {
    enableOfflineQueue: false,
    scaleReads: 'master',
    maxRedirections: 4,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    slotsRefreshTimeout: 1000,
    clusterRetryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 1000),
    redisOptions: options,
  });
}
