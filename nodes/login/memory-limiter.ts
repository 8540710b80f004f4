import { type LimitVerdict, type LoginLimiter, type LoginLimits, verdictOf } from './limits.ts';

/** Counters one node keeps when there is no Redis; more than this and the oldest are dropped. */
export const MAX_COUNTERS = 100_000;

interface Counter {
  count: number;
  resetAt: number;
}

/** Per-node fixed-window counters in a bounded Map (insertion order = oldest window first). */
export class MemoryLoginLimiter implements LoginLimiter {
  private readonly counters = new Map<string, Counter>();

  private readonly limits: LoginLimits;
  private readonly now: () => number;
  private readonly maxCounters: number;

  constructor(limits: LoginLimits, now: () => number = Date.now, maxCounters = MAX_COUNTERS) {
    this.limits = limits;
    this.now = now;
    this.maxCounters = maxCounters;
  }

  async hit(address: string, username: string): Promise<LimitVerdict> {
    const now = this.now();
    const user = this.count(`u\u0000${address}\u0000${username}`, now);
    const perAddress = this.count(`a\u0000${address}`, now);
    return verdictOf(this.limits, user, perAddress);
  }

  get size(): number {
    return this.counters.size;
  }

  private count(key: string, now: number): { count: number; ttlMs: number } {
    let counter = this.counters.get(key);
    if (counter === undefined || counter.resetAt <= now) {
      this.counters.delete(key); // re-insert at the end: the Map stays ordered by window start
      if (this.counters.size >= this.maxCounters) this.evict(now);
      counter = { count: 0, resetAt: now + this.limits.windowMs };
      this.counters.set(key, counter);
    }
    counter.count++;
    return { count: counter.count, ttlMs: counter.resetAt - now };
  }

  /** Drops ended windows from the front; if none ended, the oldest one (bounded memory wins). */
  private evict(now: number): void {
    for (const [key, counter] of this.counters) {
      if (counter.resetAt > now && this.counters.size < this.maxCounters) return;
      this.counters.delete(key);
      if (counter.resetAt > now) return;
    }
  }
}
