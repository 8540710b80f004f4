import { AuthscaleError } from '../../lib/errors.ts';

/** Hashes (one per login) that may wait for a slot; one more is turned away at once. */
export const DEFAULT_HASH_QUEUE_LIMIT = 32;

export function loginBusy(): AuthscaleError {
  return new AuthscaleError('ERR_LOGIN_BUSY', 'too many logins are being checked right now; retry shortly', {
    'retry-after': '1',
  });
}

/**
 * Bounds password hashing (docs/security.md). scrypt runs on libuv's thread pool (4 threads by default),
 * which the JWT HMAC checks of fresh tokens (WebCrypto) share: an unbounded login flood filled the
 * pool and the first check of a new token waited behind it (6 ms → 785 ms). At most `concurrency`
 * hashes run at once (the rest of the pool and of the cores stays free for token checks); up to
 * `queueLimit` more wait in FIFO order (each login hashes once); beyond that a login fails fast with 503
 * ERR_LOGIN_BUSY + Retry-After instead of queueing without bound. concurrency 0 = unbounded (the
 * old behaviour, kept for the benchmark's comparison row).
 */
export class HashGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  private readonly concurrency: number;
  private readonly queueLimit: number;

  constructor(concurrency: number, queueLimit = DEFAULT_HASH_QUEUE_LIMIT) {
    this.concurrency = concurrency;
    this.queueLimit = queueLimit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.concurrency > 0 && this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) throw loginBusy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Logins hashing now and waiting (for tests and /metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
