import { Redis } from 'ioredis';
import type { StoreClient } from '../redis-client.ts';

/** Issues one queued command on the client and settles its caller's promise. */
type Send = () => void;

/**
 * Single-key reads (GET for sessions, EXISTS for the JWT denylist) issued while the event loop
 * handles one batch of ready sockets go out in ONE socket write (and usually come back in one
 * read), flushed in setImmediate — right after the poll phase that delivered those requests. Still
 * one command and one round trip per request; what is saved is a write syscall and a wake-up per
 * request, the dominant per-request CPU cost of a store lookup on the hot path. (ioredis' own
 * autoPipelining flushes on process.nextTick, i.e. after every single request callback, so it
 * never batches across connections.)
 */
export class BatchedGet {
  private pending: Send[] = [];

  private readonly redis: StoreClient;

  constructor(redis: StoreClient) {
    this.redis = redis;
  }

  get(key: string): Promise<string | null> {
    return this.enqueue(() => this.redis.get(key));
  }

  /** 1 when the key exists, 0 when not. */
  exists(key: string): Promise<number> {
    return this.enqueue(() => this.redis.exists(key));
  }

  private enqueue<T>(command: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const send = () => {
        try {
          command().then(resolve, reject);
        } catch (error) {
          reject(error); // never let one throwing command strand the rest of the batch
        }
      };
      if (this.pending.push(send) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    // Corking the socket makes the commands below (each written synchronously by ioredis) leave in
    // one writev. Unlike a MULTI or an ioredis Pipeline object, every command stays an ordinary
    // one with its own timeout and error.
    // (A Redis Cluster client spreads keys over several connections: no corking there.)
    const client = this.redis;
    const stream =
      batch.length > 1 && client instanceof Redis && client.status === 'ready' ? client.stream : undefined;
    stream?.cork();
    try {
      for (const send of batch) send();
    } finally {
      stream?.uncork();
    }
  }
}
