import { Redis } from 'ioredis';
import type { ClusterShard } from '../../cluster/redis-cluster.ts';
import { median } from '../../lib/stats/median.ts';
import { parseUsedMemory } from './probes.ts';

/** Keys sampled per primary (RANDOMKEY, then MEMORY USAGE): enough for a stable median, cheap. */
export const SHARD_SAMPLE_KEYS = 50;

/** One Redis Cluster primary at the end of a capacity run (report.json `capacity.shards[]`). */
export interface CapacityShard {
  /** host:port of the primary. */
  primary: string;
  /** Slots it serves (of 16384). */
  slots: number;
  /** DBSIZE: sessions or refresh families (and any denylist entry) stored there. */
  keys: number;
  /** INFO memory used_memory now. */
  usedMemoryBytes: number;
  /** used_memory above the primary's own empty baseline (read before the first session). */
  grownBytes: number;
  /** MEMORY USAGE of sampled keys, median (bytes per key as Redis accounts it); null without keys. */
  sampledKeyBytes: number | null;
  sampledKeys: number;
}

const address = (shard: ClusterShard) => `${shard.primary.host}:${shard.primary.port}`;
const slotCount = (shard: ClusterShard) => shard.slots.reduce((n, [a, b]) => n + b - a + 1, 0);

/**
 * The primaries of a Redis Cluster read one by one, as capacity reads a single Redis: DBSIZE and
 * used_memory summed over the primaries make the population's figures (replicas hold copies and
 * are not counted), and `perShard()` says how the keys and bytes split between the shards.
 */
export class ShardedMemoryProbe {
  private readonly primaries: { shard: ClusterShard; redis: Redis; baseline: number }[];

  private constructor(primaries: { shard: ClusterShard; redis: Redis; baseline: number }[]) {
    this.primaries = primaries;
  }

  static async open(shards: ClusterShard[]): Promise<ShardedMemoryProbe> {
    const primaries = shards.map((shard) => {
      const redis = new Redis({
        host: shard.primary.host,
        port: shard.primary.port,
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
      });
      redis.on('error', () => {});
      return { shard, redis, baseline: 0 };
    });
    const probe = new ShardedMemoryProbe(primaries);
    for (const primary of primaries) primary.baseline = parseUsedMemory(await primary.redis.info('memory'));
    return probe;
  }

  async keyCount(): Promise<number> {
    const counts = await Promise.all(this.primaries.map(({ redis }) => redis.dbsize()));
    return counts.reduce((a, b) => a + b, 0);
  }

  async usedMemory(): Promise<number> {
    const infos = await Promise.all(this.primaries.map(({ redis }) => redis.info('memory')));
    return infos.reduce((sum, info) => sum + parseUsedMemory(info), 0);
  }

  async perShard(sample = SHARD_SAMPLE_KEYS): Promise<CapacityShard[]> {
    const rows: CapacityShard[] = [];
    for (const { shard, redis, baseline } of this.primaries) {
      const keys = await redis.dbsize();
      const used = parseUsedMemory(await redis.info('memory'));
      const sizes = keys > 0 ? await sampleKeyBytes(redis, sample) : [];
      rows.push({
        primary: address(shard),
        slots: slotCount(shard),
        keys,
        usedMemoryBytes: used,
        grownBytes: used - baseline,
        sampledKeyBytes: median(sizes) ?? null,
        sampledKeys: sizes.length,
      });
    }
    return rows;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.primaries.map(async ({ redis }) => {
        try {
          await redis.quit();
        } catch {
          redis.disconnect();
        }
      }),
    );
  }
}

/** MEMORY USAGE (SAMPLES 0: every field of a hash) of up to `count` random keys. */
async function sampleKeyBytes(redis: Redis, count: number): Promise<number[]> {
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const key = await redis.randomkey();
    if (key === null) break;
    const bytes = (await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) as number | null;
    if (typeof bytes === 'number') sizes.push(bytes);
  }
  return sizes;
}
