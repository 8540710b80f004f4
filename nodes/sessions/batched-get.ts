import type { Redis } from 'ioredis';

interface Waiter {
  key: string;
  resolve(value: string | null): void;
  reject(error: unknown): void;
}

/**
 * GETs issued while the event loop handles one batch of ready sockets go out in ONE socket write
 * (and usually come back in one read), flushed in setImmediate — right after
 * the poll phase that delivered those requests. Still one GET command and one round trip per
 * request; what is saved is a write syscall and a wake-up per request, the dominant per-request
 * CPU cost of the redis mode. (ioredis' own autoPipelining flushes on process.nextTick, i.e.
 * after every single request callback, so it never batches across connections.)
 */
export class BatchedGet {
  private pending: Waiter[] = [];

  constructor(private readonly redis: Redis) {}

  get(key: string): Promise<string | null> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ key, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    // Corking the socket makes the GETs below (each written synchronously by ioredis) leave in one
    // writev. Unlike a MULTI or an ioredis Pipeline object, every GET stays an ordinary command
    // with its own timeout and error.
    const stream = batch.length > 1 && this.redis.status === 'ready' ? this.redis.stream : undefined;
    stream?.cork();
    try {
      for (const waiter of batch) this.redis.get(waiter.key).then(waiter.resolve, waiter.reject);
    } finally {
      stream?.uncork();
    }
  }
}
