import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';

/**
 * Single-key reads (GET for sessions, EXISTS for the JWT denylist) issued while the event loop
 * handles one batch of ready sockets go out in ONE socket write (and usually come back in one
 * read). Still one command and one round trip per request; what is saved is a write syscall and a
 * wake-up per request, the dominant per-request CPU cost of a store lookup on the hot path.
 *
 * How: the first read of a loop turn corks the client's socket and schedules the uncork with
 * setImmediate — right after the poll phase that delivered the turn's requests. Every command of
 * the turn is an ordinary ioredis command written at once into the corked socket (its own promise,
 * timeout and error: nothing is wrapped, so a lone request at a low rate costs what a plain GET
 * costs), and the uncork sends them all in one writev. (ioredis' own autoPipelining flushes on
 * process.nextTick, i.e. after every single request callback, so it never batches across
 * connections, and it builds a Pipeline object per flush.)
 */
export class BatchedGet {
  private corked: Socket | undefined;

  constructor(private readonly redis: Redis) {}

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
    // Not ready: ioredis fails the command at once (no offline queue); nothing to batch.
    if (this.corked !== undefined || this.redis.status !== 'ready') return;
    const stream = this.redis.stream as Socket;
    stream.cork();
    this.corked = stream;
    setImmediate(() => {
      this.corked = undefined;
      // The same socket we corked, even if the client reconnected in between (then a no-op).
      stream.uncork();
    });
  }
}
