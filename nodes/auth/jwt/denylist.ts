import type { Redis } from 'ioredis';
import { BatchedGet } from '../../sessions/batched-get.ts';

const KEY_PREFIX = 'deny:';

/**
 * Revoked access-token ids (`deny:<jti>`), each kept only for the token's remaining lifetime: after
 * `exp` the token is rejected by its signature check anyway, so the list stays small by itself.
 */
export class Denylist {
  /** Batches the per-request EXISTS like the session store's GETs: one socket write per loop turn. */
  private readonly reader: BatchedGet;

  constructor(
    private readonly redis: Redis,
    private readonly onStoreOp: (op: string) => void,
  ) {
    this.reader = new BatchedGet(redis);
  }

  async add(jti: string, remainingSeconds: number): Promise<void> {
    this.onStoreOp('set');
    await this.redis.set(KEY_PREFIX + jti, '1', 'EX', Math.max(1, Math.ceil(remainingSeconds)));
  }

  /** One EXISTS round trip; throws when the store is unreachable (the caller decides the policy). */
  async has(jti: string): Promise<boolean> {
    this.onStoreOp('exists');
    return (await this.reader.exists(KEY_PREFIX + jti)) === 1;
  }
}
