import type { NodeConfig } from './config.ts';
import type { NodeLog } from './node-log.ts';
import { createStoreClient, type StoreClient } from './redis-client.ts';

/** How long a starting node waits for Redis before it starts anyway (and answers 503). */
const SETTLE_MS = 2000;

/** redis mode always; jwt mode only with REDIS_URL / sentinels (refresh families, denylist). */
export function needsRedis(config: NodeConfig): boolean {
  if (config.authMode === 'memory') return false;
  return (
    config.redisUrl !== undefined ||
    config.redisSentinels !== undefined ||
    config.redisClusterNodes !== undefined
  );
}

/** Gives the client a moment to connect, so the first requests don't fail just because the
 * node started a few ms ago (commands are not queued while disconnected). */
function settle(redis: StoreClient, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}

/**
 * The node's Redis client, or undefined when the mode has no store. A dead store never crashes
 * the node or stops it from starting: failures surface as 503s and /health, and the client keeps
 * reconnecting. Transitions are logged once each, not once per reconnect attempt.
 */
export async function openNodeRedis(config: NodeConfig, log: NodeLog): Promise<StoreClient | undefined> {
  if (!needsRedis(config)) return undefined;
  const redis = createStoreClient(config);
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: error.message }, 'redis unreachable: store-backed requests answer 503');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log.warn('redis reachable again');
  });
  await settle(redis, SETTLE_MS);
  return redis;
}

export async function closeNodeRedis(redis: StoreClient): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect(); // already down: just stop reconnecting
  }
}
