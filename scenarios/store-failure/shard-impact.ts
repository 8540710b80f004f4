import type { ClusterShard } from '../../cluster/redis-cluster.ts';
import { keySlot } from '../../nodes/key-slot.ts';
import type { VirtualUser } from '../client/http.ts';
import type { Outcome } from '../client/traffic.ts';
import type { ShardImpact } from './types.ts';

/**
 * Redis Cluster: which users a dead shard touched. Each user's store key decides its shard: the
 * session (`sess:<id>`, the id before the cookie's signature) or, in jwt mode, the refresh family
 * (`rtf:<fam>` from the refresh token's payload; access checks fail open without the store).
 * Keys are taken when the users have logged in, before the fault.
 */
export function storeKeyOf(user: VirtualUser, jwt: boolean): string | undefined {
  if (!jwt) {
    const sid = user.jar.get('sid');
    return sid ? `sess:${decodeURIComponent(sid).split('.')[0]}` : undefined;
  }
  const rt = user.jar.get('rt');
  const payload = rt?.split('.')[1];
  if (!payload) return undefined;
  try {
    const fam = (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { fam?: unknown }).fam;
    return typeof fam === 'string' ? `rtf:${fam}` : undefined;
  } catch {
    return undefined;
  }
}

function inShard(shard: ClusterShard, key: string): boolean {
  const slot = keySlot(key);
  return shard.slots.some(([from, to]) => slot >= from && slot <= to);
}

export function shardImpact(
  shard: ClusterShard,
  keys: (string | undefined)[],
  outcomes: Outcome[],
  window: { from: number; to: number },
): ShardImpact {
  const members = new Set(
    keys.flatMap((key, user) => (key !== undefined && inShard(shard, key) ? [user] : [])),
  );
  const failed = outcomes.filter((o) => !o.ok && o.at >= window.from && o.at <= window.to);
  const touched = new Set(failed.map((o) => o.user));
  const touchedInside = [...touched].filter((user) => members.has(user)).length;
  const outsideFailures: Record<string, number> = {};
  for (const o of failed) {
    if (members.has(o.user)) continue;
    const answer = o.code ? `${o.status} ${o.code}` : String(o.status);
    outsideFailures[answer] = (outsideFailures[answer] ?? 0) + 1;
  }
  return {
    primary: `${shard.primary.host}:${shard.primary.port}`,
    slots: shard.slots,
    users: keys.length,
    usersInShard: members.size,
    touchedInShard: touchedInside,
    touchedOutsideShard: touched.size - touchedInside,
    outsideFailures,
  };
}
