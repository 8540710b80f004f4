import { randomBytes } from 'node:crypto';
import { AuthscaleError } from '../../lib/errors.ts';
import { inBatches, seedUser } from '../auth/seed-batches.ts';
import type { AuthStrategy, StrategyDeps } from '../auth/strategy.ts';
import type { NodeConfig } from '../config.ts';
import { MemoryStore } from './memory-store.ts';
import { RedisStore } from './redis-store.ts';
import { clearSessionCookie, SessionCookieReader, setSessionCookie } from './session-cookie.ts';
import type { SessionStore } from './store.ts';

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

/** AUTH_MODE=memory and AUTH_MODE=redis: our own server-side sessions behind a signed `sid` cookie. */
export function createSessionStrategy(
  config: NodeConfig,
  deps: StrategyDeps,
  options: SessionStrategyOptions = {},
): AuthStrategy {
  const idleMs = config.sessionIdleTtl * 1000;
  const absoluteMs = config.sessionAbsoluteTtl * 1000;
  const mode = config.authMode === 'redis' ? 'redis' : 'memory';
  let store: SessionStore;
  let touchAfterMs: number;
  if (mode === 'redis') {
    if (!deps.redis || !deps.guard) throw new Error('AUTH_MODE=redis needs a Redis client and its guard');
    store = new RedisStore({
      redis: deps.redis,
      guard: deps.guard,
      ...(deps.durability !== undefined && { durability: deps.durability }),
      idleMs,
      absoluteMs,
      onStoreOp: deps.onStoreOp,
    });
    touchAfterMs = idleMs * REDIS_TOUCH_FRACTION;
  } else {
    store = new MemoryStore({
      idleMs,
      absoluteMs,
      now: deps.now,
      onStoreOp: deps.onStoreOp,
      ...(options.maxSessions !== undefined && { maxSessions: options.maxSessions }),
    });
    touchAfterMs = 0; // a field write: exact idle tracking costs nothing here
  }
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
      const now = deps.now();
      await store.create(id, { user, createdAt: now, lastSeenAt: now, absoluteExpiresAt: now + absoluteMs });
      setSessionCookie(request, reply, id, config.sessionAbsoluteTtl, config.cookieSecure);
      return { expiresIn: config.sessionIdleTtl };
    },

    // Not async: the store's promise is the only one on the hot path.
    authenticate(request) {
      const id = cookies.read(request);
      const now = deps.now();
      return store.get(id, now).then((found) => {
        if (found.status === 'unknown') throw sessionUnknown();
        if (found.status === 'expired') throw sessionExpired();
        const user = { user: found.record.user };
        if (now - found.record.lastSeenAt < touchAfterMs) return user;
        return store.touch(id, found.record, now).then(() => user);
      });
    },

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
        store.create(randomBytes(32).toString('base64url'), {
          user: seedUser(i),
          createdAt: now,
          lastSeenAt: now,
          absoluteExpiresAt: now + absoluteMs,
        }),
      );
      return count;
    },

    close: () => store.close(),
  };
}
