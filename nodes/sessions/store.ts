/**
 * The one session store interface of the session modes (memory, redis). Times are epoch ms from
 * the node's clock (deps.now), so tests can drive expiry with a fake clock.
 */
export interface SessionRecord {
  user: string;
  createdAt: number;
  /** Last time the idle expiry was extended (redis: lazily, see RedisStore). */
  lastSeenAt: number;
  /** createdAt + SESSION_ABSOLUTE_TTL: never extended. */
  absoluteExpiresAt: number;
}

export type SessionLookup =
  | { status: 'ok'; record: SessionRecord }
  | { status: 'unknown' }
  | { status: 'expired'; reason: 'idle' | 'absolute' };

export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  /** Looks a session up and enforces idle and absolute expiry against `now`. */
  get(id: string, now: number): Promise<SessionLookup>;
  create(id: string, record: SessionRecord): Promise<void>;
  destroy(id: string): Promise<void>;
  /** Extends the idle expiry; the strategy decides when (every request, or lazily). */
  touch(id: string, record: SessionRecord, now: number): Promise<void>;
  /** Live sessions, for the /metrics gauge. */
  count(): Promise<number>;
  close(): Promise<void>;
}

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/** The shared expiry rule of both stores. */
export function expiryOf(
  record: SessionRecord,
  now: number,
  idleMs: number,
): 'idle' | 'absolute' | undefined {
  if (now >= record.absoluteExpiresAt) return 'absolute';
  if (now - record.lastSeenAt >= idleMs) return 'idle';
  return undefined;
}
