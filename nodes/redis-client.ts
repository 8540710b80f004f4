import { type Cluster, Redis, type RedisOptions } from 'ioredis';
import type { NodeConfig } from './config.ts';

/**
 * One ioredis client per node, tuned so that a dead store costs a fast 503 and never a hang:
 * no offline queue (commands fail at once while disconnected), a command timeout, one retry per
 * request, and reconnection with a short capped backoff so the node heals by itself.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

/** A node's store client: one Redis (plain or found through Sentinel) or a Redis Cluster. */
export type StoreClient = Redis | Cluster;

export function createRedisClient(
  config: Pick<NodeConfig, 'redisUrl' | 'redisSentinels' | 'redisMasterName'>,
): Redis {
  const options: RedisOptions = {
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 1000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1000),
    lazyConnect: false,
  };
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
