import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthscaleError } from '../../lib/errors.ts';
import { inBatches, seedUser } from '../auth/seed-batches.ts';
import type { AuthenticatedUser, AuthStrategy, StrategyDeps } from '../auth/strategy.ts';
import type { NodeConfig } from '../config.ts';
import { MemoryStore } from './memory-store.ts';
import { RedisStore } from './redis-store.ts';
import { clearSessionCookie, SessionCookieReader, setSessionCookie } from './session-cookie.ts';
import type { SessionRecord, SessionStore } from './store.ts';

/**
 * Redis: extend the idle TTL only once this fraction of the idle window has passed since the last
 * extension. The effective idle timeout is then between 90 % and 100 % of SESSION_IDLE_TTL, and a
 * busy session costs one GET per request instead of GET + write.
 */
export const REDIS_TOUCH_FRACTION = 0.1;

export interface SessionStrategyOptions {
  /** Memory mode: size bound of the per-node Map. */
  maxSessions?: number;
}

function sessionUnknown(): AuthscaleError {
  return new AuthscaleError('ERR_SESSION_UNKNOWN', 'this node does not know that session; log in again');
}

function sessionExpired(): AuthscaleError {
  return new AuthscaleError('ERR_SESSION_EXPIRED', 'the session has expired; log in again');
}

/** A new session's record: idle clock starts now, the absolute deadline is fixed now. */
function newRecord(user: string, now: number, absoluteMs: number): SessionRecord {
  return { user, createdAt: now, lastSeenAt: now, absoluteExpiresAt: now + absoluteMs };
}

interface OpenedStore {
  store: SessionStore;
  /** Extend the idle expiry only when the session was last seen at least this long ago. */
  touchAfterMs: number;
}

/** The mode's store: Redis (shared by every node) or this node's own Map. */
function openStore(
  config: NodeConfig,
  deps: StrategyDeps,
  options: SessionStrategyOptions,
  timeouts: { idleMs: number; absoluteMs: number },
): OpenedStore {
  const { idleMs, absoluteMs } = timeouts;
  if (config.authMode === 'redis') {
    if (!deps.redis || !deps.guard) throw new Error('AUTH_MODE=redis needs a Redis client and its guard');
    const store = new RedisStore({
      redis: deps.redis,
      guard: deps.guard,
      ...(deps.durability !== undefined && { durability: deps.durability }),
      idleMs,
      absoluteMs,
      onStoreOp: deps.onStoreOp,
    });
    return { store, touchAfterMs: idleMs * REDIS_TOUCH_FRACTION };
  }
  const store = new MemoryStore({
    idleMs,
    absoluteMs,
    now: deps.now,
    onStoreOp: deps.onStoreOp,
    ...(options.maxSessions !== undefined && { maxSessions: options.maxSessions }),
  });
  return { store, touchAfterMs: 0 }; // a field write: exact idle tracking costs nothing here
}

/**
 * The session check of every authenticated request. Not async: the store's promise is the only
 * one on the hot path.
 */
function sessionAuthenticator(
  { store, touchAfterMs }: OpenedStore,
  cookies: SessionCookieReader,
  deps: StrategyDeps,
): (request: FastifyRequest) => Promise<AuthenticatedUser> {
  return (request) => {
    const id = cookies.read(request);
    const now = deps.now();
    return store.get(id, now).then((found) => {
      if (found.status === 'unknown') throw sessionUnknown();
      if (found.status === 'expired') throw sessionExpired();
      const user = { user: found.record.user };
      if (now - found.record.lastSeenAt < touchAfterMs) return user;
      return store.touch(id, found.record, now).then(() => user);
    });
  };
}

/** AUTH_MODE=memory and AUTH_MODE=redis: our own server-side sessions behind a signed `sid` cookie. */
export function createSessionStrategy(
  config: NodeConfig,
  deps: StrategyDeps,
  options: SessionStrategyOptions = {},
): AuthStrategy {
  const idleMs = config.sessionIdleTtl * 1000;
  const absoluteMs = config.sessionAbsoluteTtl * 1000;
  const mode = config.authMode === 'redis' ? 'redis' : 'memory';
  const opened = openStore(config, deps, options, { idleMs, absoluteMs });
  const { store } = opened;
  const guard = deps.guard;
  // A destroyed session's cookie may stay in the reader's cache: it is still a genuine signature,
  // and the store answers "unknown" for it.
  const cookies = new SessionCookieReader();

  return {
    mode,

    async login(request, reply, user) {
      // Fixation: never keep an id the client brought; destroy it server-side.
      const previous = cookies.peek(request);
      if (previous !== undefined) await store.destroy(previous);
      const id = randomBytes(32).toString('base64url');
      await store.create(id, newRecord(user, deps.now(), absoluteMs));
      setSessionCookie(request, reply, id, config.sessionAbsoluteTtl, config.cookieSecure);
      return { expiresIn: config.sessionIdleTtl };
    },

    authenticate: sessionAuthenticator(opened, cookies, deps),

    async refresh() {
      throw new AuthscaleError('ERR_NOT_FOUND', 'refresh exists only in AUTH_MODE=jwt');
    },

    async logout(request, reply) {
      const id = cookies.peek(request);
      if (id !== undefined) await store.destroy(id);
      clearSessionCookie(request, reply, config.cookieSecure);
    },

    async storeState() {
      return guard ? guard.state() : 'none';
    },

    liveCount: () => store.count(),

    async seedLogins(count) {
      const now = deps.now();
      await inBatches(count, (i) =>
        store.create(randomBytes(32).toString('base64url'), newRecord(seedUser(i), now, absoluteMs)),
      );
      return count;
    },

    close: () => store.close(),
  };
}
