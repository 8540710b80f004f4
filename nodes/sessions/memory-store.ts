import {
  expiryOf,
  type SessionLookup,
  type SessionRecord,
  type SessionStore,
  type SessionTimeouts,
} from './store.ts';

export interface MemoryStoreOptions extends SessionTimeouts {
  now(): number;
  onStoreOp(op: string): void;
  /** Size bound: beyond it the oldest session is evicted (default 100 000). */
  maxSessions?: number;
  /** Pruning period (default 60 s); the timer is unref'd so it never keeps a process alive. */
  pruneIntervalMs?: number;
}

/**
 * AUTH_MODE=memory: one Map per node — exactly what breaks under round-robin. Expiry is enforced
 * on every read; a periodic prune drops sessions nobody reads any more; a size bound evicts the
 * oldest (Map iteration order is insertion order, i.e. creation order) so a login flood cannot
 * exhaust memory.
 */
export class MemoryStore implements SessionStore {
  readonly kind = 'memory';
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly maxSessions: number;
  private readonly timer: NodeJS.Timeout;

  private readonly options: MemoryStoreOptions;

  constructor(options: MemoryStoreOptions) {
    this.options = options;
    this.maxSessions = options.maxSessions ?? 100_000;
    this.timer = setInterval(() => this.prune(), options.pruneIntervalMs ?? 60_000);
    this.timer.unref();
  }

  async get(id: string, now: number): Promise<SessionLookup> {
    this.options.onStoreOp('get');
    const record = this.sessions.get(id);
    if (record === undefined) return { status: 'unknown' };
    const expired = expiryOf(record, now, this.options.idleMs);
    if (expired) {
      this.sessions.delete(id);
      return { status: 'expired', reason: expired };
    }
    return { status: 'ok', record };
  }

  async create(id: string, record: SessionRecord): Promise<void> {
    this.options.onStoreOp('create');
    while (this.sessions.size >= this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    this.sessions.set(id, record);
  }

  async destroy(id: string): Promise<void> {
    this.options.onStoreOp('destroy');
    this.sessions.delete(id);
  }

  async touch(_id: string, record: SessionRecord, now: number): Promise<void> {
    // The record is the Map's own object: a field write, no second lookup.
    record.lastSeenAt = now;
  }

  async count(): Promise<number> {
    this.prune(); // a scrape every few seconds at most: keep the gauge exact
    return this.sessions.size;
  }

  /** Drops every expired session; returns how many. */
  prune(): number {
    const now = this.options.now();
    let dropped = 0;
    for (const [id, record] of this.sessions) {
      if (expiryOf(record, now, this.options.idleMs)) {
        this.sessions.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.sessions.clear();
  }
}
