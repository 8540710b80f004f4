import { Cluster, type Redis } from 'ioredis';
import { ASYNC_REPLICATION, type Durability, writeDurably } from '../durable-write.ts';
import type { StoreClient } from '../redis-client.ts';
import type { StoreGuard } from '../store-guard.ts';
import { BatchedGet } from './batched-get.ts';
import {
  expiryOf,
  type SessionLookup,
  type SessionRecord,
  type SessionStore,
  type SessionTimeouts,
} from './store.ts';

export const SESSION_KEY_PREFIX = 'sess:';
/**
 * Redis keeps a session this long past its expiry (at most one more idle period, capped), so a
 * client coming back soon after gets ERR_SESSION_EXPIRED from the node's clock check instead of a
 * misleading ERR_SESSION_UNKNOWN — the code the project counts as the scaling failure.
 */
const MAX_EXPIRED_GRACE_MS = 10 * 60_000;
/** Live-session count for /metrics is a SCAN; cache it so scrapes stay cheap. */
const COUNT_CACHE_MS = 5000;

export interface RedisStoreOptions extends SessionTimeouts {
  redis: StoreClient;
  /** The node's circuit breaker: every command goes through it. */
  guard: StoreGuard;
  /** WAIT for replicas after create and destroy (not after touch: losing one only shortens idle). */
  durability?: Durability;
  onStoreOp(op: string): void;
}

/**
 * AUTH_MODE=redis: `sess:<id>` → JSON {user, createdAt, lastSeenAt, absoluteExpiresAt}, with a
 * Redis TTL (PX) of the idle timeout, capped by what is left of the absolute one, plus a short
 * grace (see MAX_EXPIRED_GRACE_MS) so that expiry is reported as such.
 *
 * Hot path = ONE round trip: a plain GET. The idle TTL is extended lazily by the session strategy
 * (a SET … PX … XX, one extra command) only when a good part of the idle window has passed since
 * the last extension, so a busy session costs one GET per request, not GET + write. We chose this
 * over a Lua GET+PEXPIRE script: EVALSHA is as many round trips, but it writes on every request
 * (replication traffic, AOF) and is harder to read in a teaching project.
 *
 * Expiry is decided by the node's clock from the timestamps inside the value (idle: lastSeenAt,
 * absolute: absoluteExpiresAt): an expired entry is ERR_SESSION_EXPIRED and is deleted. Redis' TTL
 * is the garbage collector: once it (and the grace) ran out, the id is simply unknown.
 */
export class RedisStore implements SessionStore {
  readonly kind = 'redis';
  private readonly redis: StoreClient;
  private readonly reader: BatchedGet;
  private readonly graceMs: number;
  private countCache: { value: number; at: number } | undefined;

  private readonly options: RedisStoreOptions;

  constructor(options: RedisStoreOptions) {
    this.options = options;
    this.redis = options.redis;
    this.reader = new BatchedGet(options.redis);
    this.graceMs = Math.min(options.idleMs, MAX_EXPIRED_GRACE_MS);
  }

  private ttlMs(record: SessionRecord, now: number): number {
    return Math.max(1, Math.min(this.options.idleMs, record.absoluteExpiresAt - now)) + this.graceMs;
  }

  /** Not async: one promise layer fewer on the hot path (the GET's reply is handled in a .then). */
  get(id: string, now: number): Promise<SessionLookup> {
    this.options.onStoreOp('get');
    return this.options.guard
      .run(() => this.reader.get(SESSION_KEY_PREFIX + id))
      .then((text) => this.lookup(id, text, now));
  }

  private lookup(id: string, text: string | null, now: number): SessionLookup | Promise<SessionLookup> {
    if (text === null) return { status: 'unknown' };
    let record: SessionRecord;
    try {
      record = JSON.parse(text) as SessionRecord;
    } catch {
      return { status: 'unknown' }; // not ours: treat like an id we never issued
    }
    if (typeof record?.user !== 'string') return { status: 'unknown' };
    const expired = expiryOf(record, now, this.options.idleMs);
    if (expired) return this.destroy(id).then(() => ({ status: 'expired', reason: expired }));
    return { status: 'ok', record };
  }

  async create(id: string, record: SessionRecord): Promise<void> {
    this.options.onStoreOp('set');
    const ttl = this.ttlMs(record, record.createdAt);
    await this.options.guard.run(() =>
      this.write(SESSION_KEY_PREFIX + id, (c) => [
        c.set(SESSION_KEY_PREFIX + id, JSON.stringify(record), 'PX', ttl),
      ]),
    );
  }

  async destroy(id: string): Promise<void> {
    this.options.onStoreOp('del');
    await this.options.guard.run(() =>
      this.write(SESSION_KEY_PREFIX + id, (c) => [c.del(SESSION_KEY_PREFIX + id)]),
    );
  }

  private write(key: string, commands: Parameters<typeof writeDurably>[4]): Promise<unknown[]> {
    const durability = this.options.durability ?? ASYNC_REPLICATION;
    return writeDurably(this.redis, durability, this.options.onStoreOp, key, commands);
  }

  async touch(id: string, record: SessionRecord, now: number): Promise<void> {
    this.options.onStoreOp('touch');
    const updated: SessionRecord = { ...record, lastSeenAt: now };
    // XX: never resurrect a session another node destroyed (logout) in the meantime.
    await this.options.guard.run(() =>
      this.redis.set(SESSION_KEY_PREFIX + id, JSON.stringify(updated), 'PX', this.ttlMs(record, now), 'XX'),
    );
  }

  async count(): Promise<number> {
    const at = Date.now();
    if (this.countCache && at - this.countCache.at < COUNT_CACHE_MS) return this.countCache.value;
    // A Redis Cluster keeps each key on one primary: SCAN every primary and add up.
    const primaries = this.redis instanceof Cluster ? this.redis.nodes('master') : [this.redis];
    let value = 0;
    for (const primary of primaries) value += await this.countOn(primary);
    this.countCache = { value, at };
    return value;
  }

  private async countOn(client: Redis): Promise<number> {
    let cursor = '0';
    let value = 0;
    do {
      this.options.onStoreOp('scan');
      const [next, keys] = await this.options.guard.run(() =>
        client.scan(cursor, 'MATCH', `${SESSION_KEY_PREFIX}*`, 'COUNT', 1000),
      );
      cursor = next;
      value += keys.length;
    } while (cursor !== '0');
    return value;
  }

  async close(): Promise<void> {
    // The client belongs to buildNode, which quits it after the strategy is closed.
  }
}
