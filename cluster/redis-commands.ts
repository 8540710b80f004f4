import { Redis, type RedisOptions } from 'ioredis';
import { median } from '../lib/stats/index.ts';

/**
 * Commands that are not the app's work on behalf of a request: our own INFO, health-check PINGs,
 * replication and Sentinel chatter, connection set-up. Excluded from "store operations/request".
 */
const NOT_APP_WORK = new Set([
  'info',
  'ping',
  'publish',
  'subscribe',
  'replconf',
  'psync',
  'sync',
  'client',
  'config',
  'hello',
  'command',
  'role',
  'select',
  'auth',
  'quit',
  'cluster',
  'slaveof',
  'replicaof',
  'memory',
]);

/** Sums `calls=` over `INFO commandstats`, leaving out NOT_APP_WORK. */
export function parseCommandStats(info: string): number {
  let total = 0;
  for (const line of info.split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (!match) continue;
    const name = match[1]!.split('|')[0]!.toLowerCase();
    if (!NOT_APP_WORK.has(name)) total += Number(match[2]);
  }
  return total;
}

const CLIENT_OPTIONS: RedisOptions = {
  enableOfflineQueue: true,
  connectTimeout: 1000,
  commandTimeout: 2000,
  maxRetriesPerRequest: 1,
  lazyConnect: true,
  retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
};

/** An admin connection to the store: command counters and CLIENT PAUSE. */
export class RedisAdmin implements StoreAdmin {
  private readonly redis: Redis;
  /** Our own SCAN calls (keyBytes): the nodes scan too, so they are subtracted, not excluded. */
  private ownScans = 0;

  constructor(target: string | { sentinels: { host: string; port: number }[]; name: string }) {
    this.redis =
      typeof target === 'string'
        ? new Redis(target, CLIENT_OPTIONS)
        : new Redis({ ...CLIENT_OPTIONS, sentinels: target.sentinels, name: target.name });
    // Outages are the point of some scenarios: errors surface on the calls, not as crashes.
    this.redis.on('error', () => {});
  }

  async commandCount(): Promise<number> {
    return parseCommandStats(await this.redis.info('commandstats')) - this.ownScans;
  }

  /**
   * Keys matching `pattern` (SCAN, at most `limit`) and the median bytes Redis reports for up to
   * `sample` of them (MEMORY USAGE … SAMPLES 0: the key, its value and Redis's own overhead).
   */
  async keyBytes(
    pattern: string,
    sample = 25,
    limit = 100_000,
  ): Promise<{ keys: number; medianBytes: number | null }> {
    let cursor = '0';
    let keys = 0;
    const sampled: string[] = [];
    do {
      this.ownScans++;
      const [next, found] = (await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500)) as [
        string,
        string[],
      ];
      cursor = next;
      keys += found.length;
      for (const key of found) if (sampled.length < sample) sampled.push(key);
    } while (cursor !== '0' && keys < limit);
    const sizes = await Promise.all(
      sampled.map(async (key) => Number(await this.redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'))),
    );
    const middle = median(sizes.filter((n) => Number.isFinite(n) && n > 0));
    // Bytes: a whole number even when the median falls between two keys' sizes.
    return { keys, medianBytes: middle === undefined ? null : Math.round(middle) };
  }

  /** Every client (the nodes) blocks for `ms`; Redis resumes by itself afterwards. */
  async pause(ms: number): Promise<void> {
    await this.redis.call('CLIENT', 'PAUSE', String(ms), 'ALL');
  }

  async unpause(): Promise<void> {
    await this.redis.call('CLIENT', 'UNPAUSE');
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}

/** What the launcher needs from its store: command counters and CLIENT PAUSE. */
export interface StoreAdmin {
  commandCount(): Promise<number>;
  /** Keys matching a pattern and their median bytes; absent for a Redis Cluster (keys spread over shards). */
  keyBytes?(pattern: string): Promise<{ keys: number; medianBytes: number | null }>;
  pause(ms: number): Promise<void>;
  unpause(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The admin view of a Redis Cluster: commands are summed over the current primaries (a replica
 * counts what it replays from its primary: adding it would count each write twice); CLIENT PAUSE
 * goes to every primary.
 */
export class ClusterAdmin implements StoreAdmin {
  private readonly primaries: () => Promise<{ host: string; port: number }[]>;

  constructor(primaries: () => Promise<{ host: string; port: number }[]>) {
    this.primaries = primaries;
  }

  private async onEach<T>(call: (redis: Redis) => Promise<T>): Promise<T[]> {
    const targets = await this.primaries();
    return Promise.all(
      targets.map(async ({ host, port }) => {
        const redis = new Redis({ ...CLIENT_OPTIONS, host, port });
        redis.on('error', () => {});
        try {
          return await call(redis);
        } finally {
          redis.disconnect();
        }
      }),
    );
  }

  async commandCount(): Promise<number> {
    const counts = await this.onEach(async (redis) => parseCommandStats(await redis.info('commandstats')));
    return counts.reduce((sum, n) => sum + n, 0);
  }

  async pause(ms: number): Promise<void> {
    await this.onEach((redis) => redis.call('CLIENT', 'PAUSE', String(ms), 'ALL'));
  }

  async unpause(): Promise<void> {
    await this.onEach((redis) => redis.call('CLIENT', 'UNPAUSE'));
  }

  async close(): Promise<void> {}
}
