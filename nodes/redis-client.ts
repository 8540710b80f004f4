import { Redis, type RedisOptions } from 'ioredis';
import type { NodeConfig } from './config.ts';

/**
 * One ioredis client per node, tuned so that a dead store costs a fast 503 and never a hang:
 * no offline queue (commands fail at once while disconnected), a command timeout, one retry per
 * request, and reconnection with a short capped backoff so the node heals by itself.
 *
 * The command timeout is the StoreGuard's stall watch (stall-watch.ts), not ioredis'
 * `commandTimeout`, which arms a timer per command.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

export function createRedisClient(
  config: Pick<NodeConfig, 'redisUrl' | 'redisSentinels' | 'redisMasterName'>,
): Redis {
  const options: RedisOptions = {
    enableOfflineQueue: false,
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
