import { Cluster, type Redis } from 'ioredis';
import { AuthscaleError } from '../lib/errors.ts';
import { keySlot } from './key-slot.ts';
import type { StoreClient } from './redis-client.ts';

/**
 * How sure a node is that a session / token-state write survives a failover. Redis replicates
 * asynchronously: a primary answers a write before its replica has it, so a primary that dies in
 * that gap takes the write with it, and the promoted replica never saw it. `replicas > 0` makes
 * the node follow each such write with `WAIT replicas timeoutMs` on the same connection and answer
 * only once that many replicas confirmed it — durability bought with one more round trip and the
 * replica's lag. When they do not confirm in time the request fails with 503 (the write may exist
 * on the primary, but the client never got a credential for it).
 */
export interface Durability {
  replicas: number;
  timeoutMs: number;
}

export const ASYNC_REPLICATION: Durability = { replicas: 0, timeoutMs: 0 };

export function notReplicated(confirmed: number, durability: Durability): AuthscaleError {
  return new AuthscaleError(
    'ERR_STORE_UNAVAILABLE',
    `the store confirmed the write on ${confirmed} of ${durability.replicas} replicas within ${durability.timeoutMs} ms; retry shortly`,
    { 'retry-after': '1' },
  );
}

/**
 * The connection WAIT must follow the write on: the client itself, or in a Redis Cluster the
 * primary that owns the key's slot (WAIT has no key, so the cluster client could not route it).
 */
function connectionFor(redis: StoreClient, key: string): StoreClient {
  if (!(redis instanceof Cluster)) return redis;
  const owner = redis.slots[keySlot(key)]?.[0];
  const node = redis
    .nodes('master')
    .find((candidate: Redis) => `${candidate.options.host}:${candidate.options.port}` === owner);
  if (!node) throw new Error(`no known primary for the slot of ${key}`);
  return node;
}

/**
 * Issues the commands `write` sends for `key` (all on that key, so one slot and one connection),
 * then WAIT when `durability` asks for replicas, back to back without waiting in between: Redis
 * runs them in order on the connection, and WAIT covers every write sent before it. (Not an
 * ioredis pipeline: a command timeout inside one throws out of a timer.) Returns each reply.
 */
export async function writeDurably(
  redis: StoreClient,
  durability: Durability,
  onStoreOp: (op: string) => void,
  key: string,
  write: (client: StoreClient) => Promise<unknown>[],
): Promise<unknown[]> {
  const waits = durability.replicas > 0;
  const client = waits ? connectionFor(redis, key) : redis;
  const sent = write(client);
  if (waits) {
    onStoreOp('wait');
    sent.push(client.wait(durability.replicas, durability.timeoutMs));
  }
  // Settle all first: an early rejection must not leave the others unhandled.
  const settled = await Promise.allSettled(sent);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  const replies = settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value);
  if (!waits) return replies;
  const confirmed = Number(replies.pop());
  if (confirmed < durability.replicas) throw notReplicated(confirmed, durability);
  return replies;
}
