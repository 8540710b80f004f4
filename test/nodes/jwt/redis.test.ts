import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../lib/wait-for.ts';
import { createRedisClient } from '../../../nodes/redis-client.ts';
import {
  buildJwtTestApp,
  type JwtTestApp,
  login,
  logout,
  me,
  refresh,
  refreshCookieOf,
  START_MS,
} from '../../helpers/jwt-app.ts';
import { useRedisServer } from '../../helpers/redis.ts';

/** JWT mode with REDIS_URL: refresh families, reuse detection, grace window, denylist, outage. */
const redisServer = useRedisServer();

function familyOf(refreshToken: string): string {
  return JSON.parse(Buffer.from(refreshToken.split('.')[1]!, 'base64url').toString()).fam;
}

function jtiOf(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti;
}

describe('JWT mode with Redis', () => {
  let redis: Redis;
  const apps: JwtTestApp[] = [];
  const clock = { ms: START_MS };

  async function node(): Promise<JwtTestApp> {
    const built = await buildJwtTestApp({ redis, clock });
    apps.push(built);
    return built;
  }

  beforeAll(async () => {
    redis = createRedisClient({ redisUrl: redisServer().url });
    await waitFor(() => redis.status === 'ready', { what: 'redis client ready' });
  });
  afterEach(async () => {
    for (const built of apps.splice(0)) await built.app.close();
  });
  afterAll(async () => {
    redis?.disconnect();
  });

  it('login creates a family; refresh rotates to a new access token and a new rt', async () => {
    const t = await node();
    const first = await login(t.app);
    const fam = familyOf(first.refreshToken);
    expect(await redis.hget(`rtf:${fam}`, 'cur')).toBe(jtiOf(first.refreshToken));
    const ttl = await redis.ttl(`rtf:${fam}`);
    expect(ttl).toBeGreaterThan(7 * 24 * 3600 - 60);

    clock.ms += 1000;
    const rotated = await refresh(t.app, first.refreshToken);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json()).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const next = refreshCookieOf(rotated)!;
    expect(next).toBeDefined();
    expect(next).not.toBe(first.refreshToken);
    expect(familyOf(next)).toBe(fam);
    expect(await redis.hget(`rtf:${fam}`, 'cur')).toBe(jtiOf(next));
    const cookie = rotated.cookies.find((c) => c.name === 'rt')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth' });
    expect(rotated.json().accessToken).not.toBe(first.accessToken);
    expect((await me(t.app, rotated.json().accessToken)).json().user).toBe('alice');
    expect(t.storeOps).toContain('eval');
  });

  it('a family has an absolute lifetime: rotation neither extends the token exp nor the Redis TTL', async () => {
    const t = await node();
    const { refreshToken } = await login(t.app);
    const fam = familyOf(refreshToken);
    clock.ms += 24 * 3600 * 1000;
    const rotated = await refresh(t.app, refreshToken);
    expect(rotated.statusCode).toBe(200);
    const next = refreshCookieOf(rotated)!;
    const expOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp;
    expect(expOf(next)).toBe(expOf(refreshToken));
    const ttl = await redis.ttl(`rtf:${fam}`);
    expect(ttl).toBeGreaterThan(6 * 24 * 3600 - 60);
    expect(ttl).toBeLessThanOrEqual(6 * 24 * 3600 + 5);
  });

  it('reusing an old rt after the grace window revokes the family: ERR_REFRESH_REUSED, even for the latest rt', async () => {
    const t = await node();
    const { refreshToken: rt0 } = await login(t.app);
    const rotated = await refresh(t.app, rt0);
    const rt1 = refreshCookieOf(rotated)!;
    clock.ms += 11_000; // past the 10 s grace window

    const replay = await refresh(t.app, rt0);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('ERR_REFRESH_REUSED');
    const latest = await refresh(t.app, rt1);
    expect(latest.statusCode).toBe(401);
    expect(latest.json().code).toBe('ERR_REFRESH_REUSED');
    // The tombstone keeps the specific answer for later replays, and logout does not blur it.
    expect((await logout(t.app, undefined, rt1)).statusCode).toBe(204);
    expect((await refresh(t.app, rt0)).json().code).toBe('ERR_REFRESH_REUSED');
  });

  it('inside the grace window the predecessor gets an access token but no new rt; the user stays signed in', async () => {
    const t = await node();
    const { refreshToken: rt0 } = await login(t.app);
    const rt1 = refreshCookieOf(await refresh(t.app, rt0))!;
    clock.ms += 3000;
    const late = await refresh(t.app, rt0);
    expect(late.statusCode).toBe(200);
    expect((await me(t.app, late.json().accessToken)).json().user).toBe('alice');
    expect(refreshCookieOf(late)).toBeUndefined(); // the family does not fork
    clock.ms += 60_000;
    const after = await refresh(t.app, rt1);
    expect(after.statusCode).toBe(200);
    expect(refreshCookieOf(after)).toBeDefined();
  });

  it('two concurrent refreshes with the same rt both succeed and leave one current token', async () => {
    const t = await node();
    const { refreshToken: rt0 } = await login(t.app);
    const results = await Promise.all([refresh(t.app, rt0), refresh(t.app, rt0)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const newCookies = results.map(refreshCookieOf).filter((value) => value !== undefined);
    expect(newCookies).toHaveLength(1);
    for (const result of results) expect((await me(t.app, result.json().accessToken)).statusCode).toBe(200);
    clock.ms += 60_000;
    expect((await refresh(t.app, newCookies[0])).statusCode).toBe(200);
  });

  it('hot path with Redis: a cache hit costs exactly one EXISTS on the denylist', async () => {
    const t = await node();
    const { accessToken } = await login(t.app);
    await me(t.app, accessToken); // miss: verify + cache
    t.storeOps.length = 0;
    for (let i = 0; i < 5; i++) expect((await me(t.app, accessToken)).statusCode).toBe(200);
    expect(t.storeOps).toEqual(['exists', 'exists', 'exists', 'exists', 'exists']);
    expect(await t.strategy.storeState()).toBe('ok');
  });

  it('concurrent denylist checks are batched but each request gets its own EXISTS answer', async () => {
    const t = await node();
    const tokens = await Promise.all([0, 1, 2].map(async () => (await login(t.app)).accessToken));
    for (const token of tokens) expect((await me(t.app, token)).statusCode).toBe(200); // cached
    expect((await logout(t.app, tokens[1]!)).statusCode).toBe(204);
    t.storeOps.length = 0;
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => me(t.app, tokens[i % 3]!)));
    responses.forEach((response, i) => {
      if (i % 3 === 1) expect(response.json().code).toBe('ERR_TOKEN_REVOKED');
      else expect(response.statusCode).toBe(200);
    });
    expect(t.storeOps.filter((op) => op === 'exists')).toHaveLength(30);
  });

  it('logout denylists the access jti (even when cached, on every node) and revokes the family', async () => {
    const a = await node();
    const b = await node();
    const { accessToken, refreshToken } = await login(a.app);
    expect((await me(a.app, accessToken)).statusCode).toBe(200);
    expect((await me(b.app, accessToken)).statusCode).toBe(200); // cached on both nodes now
    expect(await b.strategy.liveCount()).toBe(1);

    const out = await logout(a.app, accessToken, refreshToken);
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'rt')?.value).toBe('');
    const denyTtl = await redis.ttl(`deny:${jtiOf(accessToken)}`);
    expect(denyTtl).toBeGreaterThan(850);
    expect(denyTtl).toBeLessThanOrEqual(906);

    for (const app of [a.app, b.app]) {
      const response = await me(app, accessToken);
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('ERR_TOKEN_REVOKED');
    }
    const revoked = await refresh(b.app, refreshToken);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('ERR_TOKEN_REVOKED');
    expect((await logout(a.app, accessToken, refreshToken)).statusCode).toBe(204); // idempotent
    expect((await logout(a.app, 'garbage', 'garbage')).statusCode).toBe(204);
  });

  it('a family unknown to Redis (e.g. expired) → ERR_TOKEN_REVOKED; nodes share rotation state', async () => {
    const a = await node();
    const b = await node();
    const { refreshToken } = await login(a.app);
    const fromB = await refresh(b.app, refreshToken);
    expect(fromB.statusCode).toBe(200);
    clock.ms += 11_000;
    expect((await refresh(a.app, refreshToken)).json().code).toBe('ERR_REFRESH_REUSED');

    const other = await login(a.app);
    await redis.del(`rtf:${familyOf(other.refreshToken)}`);
    expect((await refresh(a.app, other.refreshToken)).json().code).toBe('ERR_TOKEN_REVOKED');
  });

  it('Redis down: refresh/login/logout 503 fast, access keeps working (denylist fails open), then recovery', async () => {
    const t = await node();
    const fresh = await node(); // empty cache: proves uncached verification works too
    const { accessToken, refreshToken } = await login(t.app);
    expect((await me(t.app, accessToken)).statusCode).toBe(200);
    await redisServer().stop(true);
    try {
      await waitFor(() => redis.status !== 'ready', { what: 'client to notice the outage' });
      const started = Date.now();
      const failed = await refresh(t.app, refreshToken);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(failed.statusCode).toBe(503);
      expect(failed.json().code).toBe('ERR_STORE_UNAVAILABLE');
      expect(failed.headers['retry-after']).toBe('1');
      expect(
        (await t.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'bob' } })).statusCode,
      ).toBe(503);
      expect((await logout(t.app, accessToken, refreshToken)).statusCode).toBe(503);

      const before = t.strategy.denylistFailOpen;
      expect((await me(t.app, accessToken)).statusCode).toBe(200);
      expect((await me(fresh.app, accessToken)).statusCode).toBe(200);
      expect(t.strategy.denylistFailOpen).toBe(before + 1);
      expect(await t.strategy.storeState()).toBe('down');
    } finally {
      await redisServer().start();
    }
    await waitFor(async () => (await t.strategy.storeState()) === 'ok', { what: 'store back' });
    const again = await login(t.app);
    expect((await refresh(t.app, again.refreshToken)).statusCode).toBe(200);
    // No persistence in the test server: families from before the restart are gone.
    expect((await refresh(t.app, refreshToken)).json().code).toBe('ERR_TOKEN_REVOKED');
  });
});
