import { createHash } from 'node:crypto';
import type { StoreClient } from '../redis-client.ts';
import type { StoreGuard } from '../store-guard.ts';
import { type LimitVerdict, type LoginLimiter, type LoginLimits, verdictOf } from './limits.ts';

const KEY_PREFIX = 'rl:login:';

// KEYS: per-user counter, per-address counter; ARGV[1]: window (ms). One atomic round trip; each
// counter expires with its window, so Redis holds at most one key per active user+address pair.
const HIT = `
local out = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  out[2 * i - 1] = count
  out[2 * i] = redis.call('PTTL', key)
end
return out
`;

/** Counters shared by every node of a cluster (the same Redis as the sessions / refresh state). */
export class RedisLoginLimiter implements LoginLimiter {
  private readonly redis: StoreClient;
  private readonly limits: LoginLimits;
  private readonly guard: StoreGuard;
  private readonly onStoreOp: (op: string) => void;

  constructor(redis: StoreClient, limits: LoginLimits, guard: StoreGuard, onStoreOp: (op: string) => void) {
    this.redis = redis;
    this.limits = limits;
    this.guard = guard;
    this.onStoreOp = onStoreOp;
  }

  async hit(address: string, username: string): Promise<LimitVerdict> {
    // Hashed: a key's length and bytes never depend on what a client typed.
    const userKey = createHash('sha256').update(`${address}\u0000${username}`).digest('base64url');
    this.onStoreOp('eval');
    const reply = (await this.guard.run(() =>
      // Both keys carry the address as hash tag: one slot, so the script also runs in a Redis Cluster.
      this.redis.eval(
        HIT,
        2,
        `${KEY_PREFIX}{${address}}:u:${userKey}`,
        `${KEY_PREFIX}{${address}}:a`,
        this.limits.windowMs,
      ),
    )) as number[];
    return verdictOf(
      this.limits,
      { count: reply[0]!, ttlMs: reply[1]! },
      { count: reply[2]!, ttlMs: reply[3]! },
    );
  }
}
