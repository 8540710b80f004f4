import { Redis, type RedisOptions } from 'ioredis';
import { AuthscaleError } from '../lib/errors.ts';
import type { StoreState } from './auth/strategy.ts';
import type { NodeConfig } from './config.ts';

/**
 * One ioredis client per node, tuned so that a dead store costs a fast 503 and never a hang:
 * no offline queue (commands fail at once while disconnected), a command timeout, one retry per
 * request, and reconnection with a short capped backoff so the node heals by itself.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

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

/** The error every store-backed path turns a Redis failure into. */
export function storeUnavailable(cause?: unknown): AuthscaleError {
  const error = new AuthscaleError(
    'ERR_STORE_UNAVAILABLE',
    503,
    'the session store is unavailable; retry shortly',
    {
      'retry-after': '1',
    },
  );
  if (cause !== undefined) (error as Error & { cause?: unknown }).cause = cause;
  return error;
}

/** Runs a store call; any Redis/connection error becomes ERR_STORE_UNAVAILABLE (503). */
export async function withStore<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AuthscaleError) throw error;
    throw storeUnavailable(error);
  }
}

/** Store reachability for /health: a PING bounded by the command timeout, never a hang. */
export async function pingStore(redis: Redis, onStoreOp: (op: string) => void): Promise<StoreState> {
  if (redis.status !== 'ready') return 'down';
  let timer: NodeJS.Timeout | undefined;
  try {
    onStoreOp('ping');
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timeout')), REDIS_COMMAND_TIMEOUT_MS);
    });
    await Promise.race([redis.ping(), timeout]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
