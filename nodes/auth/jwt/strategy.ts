import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NodeConfig } from '../../config.ts';
import { requestLine } from '../../node-log.ts';
import { inBatches } from '../seed-batches.ts';
import type { AuthenticatedUser, AuthStrategy, StoreState, StrategyDeps } from '../strategy.ts';
import { issueAccessToken, type VerifiedAccess, verifyAccessToken } from './access-token.ts';
import { bearerToken } from './bearer-token.ts';
import { CLOCK_TOLERANCE_S, REFRESH_GRACE_MS } from './constants.ts';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './cookies.ts';
import { Denylist } from './denylist.ts';
import { importJwtKeys, type JwtKeys } from './keys.ts';
import { randomId } from './random-id.ts';
import { RefreshFamilies } from './refresh-families.ts';
import { issueRefreshToken, verifyRefreshToken } from './refresh-token.ts';
import { noCredentials, refreshReused, tokenRevoked } from './token-errors.ts';
import { VerifiedTokenCache } from './verified-token-cache.ts';

export interface JwtStrategyOptions {
  /** Grace window for the immediate predecessor refresh token (default REFRESH_GRACE_MS). */
  refreshGraceMs?: number;
}

export interface JwtStrategy extends AuthStrategy {
  readonly mode: 'jwt';
  /** Access checks that skipped the denylist because Redis was unreachable (fail-open, see below). */
  readonly denylistFailOpen: number;
}

/**
 * AUTH_MODE=jwt. Access: a short-lived HS256 JWT in `Authorization: Bearer`, verified statelessly
 * (plus a per-node verified-token cache). Refresh: a JWT in the `rt` cookie (Path=/auth).
 *
 * With Redis (REDIS_URL / sentinels):
 * - refresh tokens rotate inside a family, atomically, with reuse detection (refresh-families.ts);
 * - logout revokes the family and denylists the access `jti` for its remaining lifetime;
 * - every access check consults the denylist (one EXISTS). When Redis is unreachable that check
 *   FAILS OPEN: access tokens keep working during a store outage (the point of stateless access
 *   tokens, and what the store-failure scenario shows), at the price that a logout made just before
 *   the outage is not enforced while it lasts — bounded by the access TTL. Counted in
 *   `denylistFailOpen` and as store op `denylist_fail_open`, and logged. Refresh and logout FAIL CLOSED (503 ERR_STORE_UNAVAILABLE):
 *   rotating without the family state would disable reuse detection.
 *
 * Without Redis everything is stateless: refresh just verifies the rt and issues a new pair, so a
 * stolen refresh token works until it expires (no reuse detection), and logout only clears the
 * cookie — neither token can be revoked before its `exp`.
 */
export function createJwtStrategy(
  config: NodeConfig,
  deps: StrategyDeps,
  options: JwtStrategyOptions = {},
): JwtStrategy {
  const state = openJwtState(config, deps, options);
  const { cache, denylist, families, withStore } = state;
  return {
    mode: 'jwt',

    get denylistFailOpen() {
      return state.denylistFailOpen;
    },

    async login(request, reply, user) {
      const now = deps.now();
      const fam = randomId();
      const refresh = { jti: randomId(), exp: Math.floor(now / 1000) + state.refreshTokenTtl };
      // The family exists before its first token leaves the node.
      if (families) await withStore(() => families.create(fam, refresh.jti, familyTtl(refresh.exp, now)));
      return issuePair(state, { request, reply }, { user, fam, refresh, now });
    },

    // Not async: a cached token without a denylist is answered with no promise at all. The cache
    // is asked with the header as it arrived: only a header whose token passed the checks below
    // and the full verify was ever stored, so an exact match needs neither again.
    authenticate(request): AuthenticatedUser | Promise<AuthenticatedUser> {
      const header = request.headers.authorization;
      const now = deps.now();
      const cached = header === undefined ? undefined : cache.get(header, now);
      if (cached === undefined) return verifyAndCheck(state, bearerToken(request), now, request);
      return denylist === undefined ? cached : checkDenylist(state, cached, request);
    },

    refresh: (request, reply) => rotateRefresh(state, request, reply),

    logout: (request, reply) => revokeOnLogout(state, request, reply),

    async storeState(): Promise<StoreState> {
      return deps.guard ? deps.guard.state() : 'none';
    },

    /** Entries in the verified-token cache: cheap and local (counting families would scan Redis). */
    async liveCount() {
      return cache.size;
    },

    seedLogins: (count) => seedFamilies(state, count),

    async close() {
      cache.clear();
    },
  };
}

/**
 * What every step of the strategy shares (helpers below take it instead of one closure): the
 * token settings, the per-node verified-token cache and, with Redis, the denylist and the
 * refresh families behind the store guard.
 */
interface JwtState {
  readonly accessTokenTtl: number;
  readonly refreshTokenTtl: number;
  readonly cookieSecure: NodeConfig['cookieSecure'];
  readonly deps: StrategyDeps;
  readonly cache: VerifiedTokenCache;
  readonly denylist: Denylist | undefined;
  readonly families: RefreshFamilies | undefined;
  /** The keys, without an await once imported (the hot path). */
  getKeys(): JwtKeys | Promise<JwtKeys>;
  /** A store call through the guard (only called when there is a store). */
  withStore<T>(call: () => Promise<T>): Promise<T>;
  /** Access checks that skipped the denylist because Redis was unreachable. */
  denylistFailOpen: number;
}

function openJwtState(config: NodeConfig, deps: StrategyDeps, options: JwtStrategyOptions): JwtState {
  const { redis, guard } = deps;
  if (redis && !guard) throw new Error('a Redis client needs its StoreGuard');
  // Keys are derived and imported once; the resolved value is kept so the hot path needs no await.
  let keys: JwtKeys | undefined;
  const keysReady = importJwtKeys(config.authSecret).then((imported) => {
    keys = imported;
    return imported;
  });
  return {
    accessTokenTtl: config.accessTokenTtl,
    refreshTokenTtl: config.refreshTokenTtl,
    cookieSecure: config.cookieSecure,
    deps,
    cache: new VerifiedTokenCache(config.jwtCacheSize),
    denylist: redis ? new Denylist(redis, deps.onStoreOp, deps.durability) : undefined,
    families: redis
      ? new RefreshFamilies(
          redis,
          options.refreshGraceMs ?? REFRESH_GRACE_MS,
          deps.onStoreOp,
          deps.durability,
        )
      : undefined,
    getKeys: () => keys ?? keysReady,
    withStore: (call) => guard!.run(call),
    denylistFailOpen: 0,
  };
}

/** Written with .then, not async/await: the jwt-redis hot path, one promise layer per step fewer. */
function isDenied(state: JwtState, jti: string, request: FastifyRequest): Promise<boolean> {
  return state
    .withStore(() => state.denylist!.has(jti))
    .catch((error: unknown) => {
      state.denylistFailOpen++;
      // Visible in /metrics as authscale_store_operations_total{op="denylist_fail_open"}.
      state.deps.onStoreOp('denylist_fail_open');
      // Log the first failure of a run of them, then every 1000th, not one line per request.
      if (state.denylistFailOpen % 1000 === 1) {
        state.deps.log?.warn(
          requestLine(request, { err: error, failOpen: state.denylistFailOpen }),
          'jwt denylist unreachable: failing open',
        );
      }
      return false;
    });
}

/** A verified token is still refused when its jti is on the denylist (logout before exp). */
function checkDenylist(
  state: JwtState,
  verified: VerifiedAccess,
  request: FastifyRequest,
): Promise<AuthenticatedUser> {
  return isDenied(state, verified.jti, request).then((denied) => {
    if (!denied) return verified;
    state.cache.delete(bearerToken(request));
    throw tokenRevoked();
  });
}

async function verifyAndCheck(
  state: JwtState,
  token: string,
  now: number,
  request: FastifyRequest,
): Promise<AuthenticatedUser> {
  const verified = await verifyAccessToken(token, (await state.getKeys()).access, state.accessTokenTtl, now);
  // bearerToken has accepted this header and its token passed the verify: the header is the key.
  state.cache.set(request.headers.authorization ?? token, verified, now, token);
  return state.denylist === undefined ? verified : checkDenylist(state, verified, request);
}

/** Seconds a family's state must outlive now: until its tokens' exp plus the clock tolerance. */
const familyTtl = (exp: number, now: number) => Math.max(1, exp - Math.floor(now / 1000) + CLOCK_TOLERANCE_S);

/** A new access token in the body and refresh token `refresh` of family `fam` in the cookie. */
async function issuePair(
  state: JwtState,
  http: { request: FastifyRequest; reply: FastifyReply },
  pair: { user: string; fam: string; refresh: { jti: string; exp: number }; now: number },
): Promise<Record<string, unknown>> {
  const { user, fam, refresh, now } = pair;
  const k = await state.getKeys();
  const [access, refreshToken] = await Promise.all([
    issueAccessToken(k.access, user, state.accessTokenTtl, now),
    issueRefreshToken(k.refresh, user, fam, refresh.exp, now, refresh.jti),
  ]);
  const maxAge = Math.max(1, refresh.exp - Math.floor(now / 1000));
  setRefreshCookie(http.request, http.reply, refreshToken.token, maxAge, state.cookieSecure);
  return { accessToken: access.token, tokenType: 'Bearer', expiresIn: state.accessTokenTtl };
}

/** POST /auth/refresh: rotates the rt cookie inside its family (or, without a store, reissues). */
async function rotateRefresh(
  state: JwtState,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Record<string, unknown>> {
  const { families, accessTokenTtl } = state;
  const presented = readRefreshCookie(request);
  if (presented === undefined) throw noCredentials('no refresh token cookie was sent');
  const now = state.deps.now();
  const claims = await verifyRefreshToken(
    presented,
    (await state.getKeys()).refresh,
    state.refreshTokenTtl,
    now,
  );
  const http = { request, reply };
  if (!families) {
    // Stateless: the presented token stays valid until its exp (no reuse detection).
    const refresh = { jti: randomId(), exp: claims.exp };
    return issuePair(state, http, { user: claims.user, fam: claims.fam, refresh, now });
  }
  const next = { jti: randomId(), exp: claims.exp };
  const ttl = familyTtl(claims.exp, now);
  const outcome = await state.withStore(() => families.rotate(claims.fam, claims.jti, next.jti, now, ttl));
  switch (outcome) {
    case 'rotated':
      return issuePair(state, http, { user: claims.user, fam: claims.fam, refresh: next, now });
    case 'grace': {
      // A concurrent refresh with the token just replaced (two tabs, a retried request): issue
      // an access token but no new refresh token, so the family never forks and the client's
      // cookie jar keeps the one current token the winning request set. Rotating again here
      // would demote that token to "previous" and sign the user out after the grace window.
      // Trade-off (as with Auth0's reuse interval): a thief replaying the predecessor within
      // the window also gets a short-lived access token; after it, a replay revokes the family.
      const access = await issueAccessToken((await state.getKeys()).access, claims.user, accessTokenTtl, now);
      return { accessToken: access.token, tokenType: 'Bearer', expiresIn: accessTokenTtl };
    }
    case 'reused':
      clearRefreshCookie(request, reply, state.cookieSecure);
      throw refreshReused();
    default:
      clearRefreshCookie(request, reply, state.cookieSecure);
      throw tokenRevoked('this refresh token was revoked or its session ended; log in again');
  }
}

/** POST /auth/logout: clears the cookie; with a store, denylists the access jti and ends the family. */
async function revokeOnLogout(state: JwtState, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const now = state.deps.now();
  clearRefreshCookie(request, reply, state.cookieSecure);
  let token: string | undefined;
  try {
    token = bearerToken(request);
  } catch {
    token = undefined; // no or garbage credentials: nothing to revoke, logout still succeeds
  }
  if (token !== undefined) state.cache.delete(token);
  if (!state.deps.redis) return; // stateless: nothing can be revoked before exp (see above)
  const k = await state.getKeys();
  if (token !== undefined) {
    const access = await verifyAccessToken(token, k.access, state.accessTokenTtl, now).catch(() => undefined);
    if (access) {
      // Until exp plus the verify's clock tolerance: the longest any node could still accept it.
      const remaining = (access.expMs - now) / 1000 + CLOCK_TOLERANCE_S;
      await state.withStore(() => state.denylist!.add(access.jti, remaining));
    }
  }
  const rt = readRefreshCookie(request);
  if (rt !== undefined) {
    const claims = await verifyRefreshToken(rt, k.refresh, state.refreshTokenTtl, now).catch(() => undefined);
    if (claims) await state.withStore(() => state.families!.revoke(claims.fam, familyTtl(claims.exp, now)));
  }
}

/** Capacity measurement: `count` refresh families stored as logins store them (none without a store). */
async function seedFamilies(state: JwtState, count: number): Promise<number> {
  const { families, withStore } = state;
  if (!families) return 0; // stateless: a login stores nothing anywhere
  const now = state.deps.now();
  const exp = Math.floor(now / 1000) + state.refreshTokenTtl;
  // Through the guard like every store call: a failing store is a 503 the caller may retry, not a 500.
  await inBatches(count, () => withStore(() => families.create(randomId(), randomId(), familyTtl(exp, now))));
  return count;
}
