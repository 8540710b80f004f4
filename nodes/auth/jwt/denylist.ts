import { ASYNC_REPLICATION, type Durability, writeDurably } from '../../durable-write.ts';
import type { StoreClient } from '../../redis-client.ts';
import { BatchedGet } from '../../sessions/batched-get.ts';

const KEY_PREFIX = 'deny:';
const isOne = (count: number): boolean => count === 1;

/**
 * Revoked access-token ids (`deny:<jti>`), each kept only for the token's remaining lifetime: after
 * `exp` the token is rejected by its signature check anyway, so the list stays small by itself.
 */
export class Denylist {
  /** Batches the per-request EXISTS like the session store's GETs: one socket write per loop turn. */
  private readonly reader: BatchedGet;

  private readonly redis: StoreClient;
  private readonly onStoreOp: (op: string) => void;
  /** WAIT after add: a confirmed logout stays revoked across a failover. */
  private readonly durability: Durability;

  constructor(
    redis: StoreClient,
    onStoreOp: (op: string) => void,
    durability: Durability = ASYNC_REPLICATION,
  ) {
    this.redis = redis;
    this.onStoreOp = onStoreOp;
    this.durability = durability;
    this.reader = new BatchedGet(redis);
  }

  async add(jti: string, remainingSeconds: number): Promise<void> {
    this.onStoreOp('set');
    const seconds = Math.max(1, Math.ceil(remainingSeconds));
    const key = KEY_PREFIX + jti;
    await writeDurably(this.redis, this.durability, this.onStoreOp, key, (c) => [
      c.set(key, '1', 'EX', seconds),
    ]);
  }

  /** One EXISTS round trip; throws when the store is unreachable (the caller decides the policy). */
  has(jti: string): Promise<boolean> {
    this.onStoreOp('exists');
    return this.reader.exists(KEY_PREFIX + jti).then(isOne);
  }
}
