import { ASYNC_REPLICATION, type Durability, writeDurably } from '../../durable-write.ts';
import type { StoreClient } from '../../redis-client.ts';

/**
 * Refresh-token families in Redis (rotation with reuse detection, RFC 9700 §4.14.2 / OWASP).
 * One hash `rtf:<fam>` per login: `cur` (the only jti that may rotate), `prev` + `rotatedAt` (the
 * immediate predecessor and when it was replaced) and, once revoked, `state` = `revoked` (logout)
 * or `reused` (a replay was detected). Revoked hashes stay as tombstones until the TTL so a second
 * replay still answers ERR_REFRESH_REUSED rather than a vaguer code. The TTL is always the time
 * left until the family's tokens expire (they share one absolute `exp`), plus the clock tolerance:
 * afterwards no token of the family can verify, so the state is no longer needed.
 */
export type RotateOutcome = 'rotated' | 'grace' | 'reused' | 'revoked' | 'unknown';

const KEY_PREFIX = 'rtf:';

// KEYS[1] family; ARGV: presented jti, next jti, now (ms), grace (ms), ttl (s).
// One script = one atomic step: two concurrent refreshes can never both become `cur`.
const ROTATE = `
local f = redis.call('HMGET', KEYS[1], 'cur', 'prev', 'rotatedAt', 'state')
local cur, prev, rotatedAt, state = f[1], f[2], f[3], f[4]
if state then return state end
if not cur then return 'unknown' end
if cur == ARGV[1] then
  redis.call('HSET', KEYS[1], 'cur', ARGV[2], 'prev', ARGV[1], 'rotatedAt', ARGV[3])
  redis.call('EXPIRE', KEYS[1], ARGV[5])
  return 'rotated'
end
if prev == ARGV[1] and tonumber(ARGV[3]) - tonumber(rotatedAt) <= tonumber(ARGV[4]) then
  return 'grace'
end
redis.call('HSET', KEYS[1], 'state', 'reused')
redis.call('HDEL', KEYS[1], 'cur', 'prev', 'rotatedAt')
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 'reused'
`;

// Logout: mark revoked unless already marked reused (keep the more specific tombstone).
const REVOKE = `
if redis.call('HGET', KEYS[1], 'state') ~= 'reused' then
  redis.call('HSET', KEYS[1], 'state', 'revoked')
  redis.call('HDEL', KEYS[1], 'cur', 'prev', 'rotatedAt')
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
`;

export class RefreshFamilies {
  private readonly redis: StoreClient;
  private readonly graceMs: number;
  private readonly onStoreOp: (op: string) => void;
  /** WAIT after every write, so a confirmed rotation or revocation survives a failover. */
  private readonly durability: Durability;

  constructor(
    redis: StoreClient,
    graceMs: number,
    onStoreOp: (op: string) => void,
    durability: Durability = ASYNC_REPLICATION,
  ) {
    this.redis = redis;
    this.graceMs = graceMs;
    this.onStoreOp = onStoreOp;
    this.durability = durability;
  }

  private write(key: string, commands: Parameters<typeof writeDurably>[4]): Promise<unknown[]> {
    return writeDurably(this.redis, this.durability, this.onStoreOp, key, commands);
  }

  /** A new family at login whose current token is `jti`. */
  async create(fam: string, jti: string, ttlSeconds: number): Promise<void> {
    this.onStoreOp('hset');
    this.onStoreOp('expire');
    const key = KEY_PREFIX + fam;
    // Sent back to back: one key, so one slot and one connection, in one round trip.
    await this.write(key, (c) => [c.hset(key, 'cur', jti), c.expire(key, ttlSeconds)]);
  }

  /**
   * Presents `jti` of family `fam`; on 'rotated' the family's current token is now `nextJti`.
   * 'grace': `jti` is the predecessor replaced less than graceMs ago (a concurrent refresh).
   */
  async rotate(
    fam: string,
    jti: string,
    nextJti: string,
    nowMs: number,
    ttlSeconds: number,
  ): Promise<RotateOutcome> {
    this.onStoreOp('eval');
    const key = KEY_PREFIX + fam;
    const [outcome] = await this.write(key, (c) => [
      c.eval(ROTATE, 1, key, jti, nextJti, String(nowMs), String(this.graceMs), String(ttlSeconds)),
    ]);
    return outcome as RotateOutcome;
  }

  async revoke(fam: string, ttlSeconds: number): Promise<void> {
    this.onStoreOp('eval');
    const key = KEY_PREFIX + fam;
    await this.write(key, (c) => [c.eval(REVOKE, 1, key, String(ttlSeconds))]);
  }
}
