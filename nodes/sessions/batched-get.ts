import type { Socket } from 'node:net';
import { Redis } from 'ioredis';
import type { StoreClient } from '../redis-client.ts';

/**
 * Single-key reads (GET for sessions, EXISTS for the JWT denylist) issued while the event loop
 * handles one batch of ready sockets go out in ONE socket write (and usually come back in one
 * read). Still one command and one round trip per request; what is saved is a write syscall and a
 * wake-up per request, the dominant per-request CPU cost of a store lookup on the hot path.
 *
 * How: the first read of a loop turn corks the client's socket and schedules the uncork with
 * setImmediate — right after the poll phase that delivered the turn's requests. Every command of
 * the turn is an ordinary ioredis command written at once into the corked socket (its own promise
 * and error: nothing is wrapped, so a lone request at a low rate costs what a plain GET costs),
 * and the uncork sends them all in one writev. (ioredis' own autoPipelining flushes on
 * process.nextTick, i.e. after every single request callback, so it never batches across
 * connections, and it builds a Pipeline object per flush.)
 *
 * A Redis Cluster client spreads keys over one connection per shard: its reads are sent as they
 * come, uncorked, each with ioredis' own command timeout.
 */
export class BatchedGet {
  private corked: Socket | undefined;
  /** The client whose one socket can be corked; undefined for a Redis Cluster. */
  private readonly single: Redis | undefined;

  private readonly redis: StoreClient;

  constructor(redis: StoreClient) {
    this.redis = redis;
    this.single = redis instanceof Redis ? redis : undefined;
  }

  get(key: string): Promise<string | null> {
    this.cork();
    return this.redis.get(key);
  }

  /** 1 when the key exists, 0 when not. */
  exists(key: string): Promise<number> {
    this.cork();
    return this.redis.exists(key);
  }

  private cork(): void {
    const client = this.single;
    // Not ready: ioredis fails the command at once (no offline queue); nothing to batch.
    if (client === undefined || this.corked !== undefined || client.status !== 'ready') return;
    const stream = client.stream as Socket;
    stream.cork();
    this.corked = stream;
    setImmediate(() => {
      this.corked = undefined;
      // The same socket we corked, even if the client reconnected in between (then a no-op).
      stream.uncork();
    });
  }
}
