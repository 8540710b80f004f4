import { afterEach, describe, expect, it } from 'vitest';
import {
  buildJwtTestApp,
  type JwtTestApp,
  login,
  logout,
  me,
  refresh,
  refreshCookieOf,
} from '../../helpers/jwt-app.ts';

describe('stateless JWT mode (no Redis) through routes', () => {
  let t: JwtTestApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  it('login: body fields and refresh cookie flags', async () => {
    t = await buildJwtTestApp();
    const { response } = await login(t.app);
    expect(response.json()).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      accessToken: expect.any(String),
    });
    const rt = response.cookies.find((cookie) => cookie.name === 'rt')!;
    expect(rt).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth', maxAge: 7 * 24 * 3600 });
    expect(rt.secure).toBeFalsy();

    const proxied = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'bob' },
    });
    // This app trusts no proxy: a client's own X-Forwarded-Proto changes nothing.
    expect(proxied.cookies.find((cookie) => cookie.name === 'rt')?.secure).toBeFalsy();
  });

  it('COOKIE_SECURE=true always sets Secure', async () => {
    t = await buildJwtTestApp({ config: { cookieSecure: 'true' } });
    const { response } = await login(t.app);
    expect(response.cookies.find((cookie) => cookie.name === 'rt')?.secure).toBe(true);
  });

  it('hot path: no store operations, cache serves repeats, cached entries still die at exp', async () => {
    t = await buildJwtTestApp();
    const { accessToken } = await login(t.app);
    for (let i = 0; i < 3; i++) {
      const response = await me(t.app, accessToken);
      expect(response.json()).toEqual({ user: 'alice', mode: 'jwt' });
    }
    expect(t.storeOps).toEqual([]);
    expect(await t.strategy.liveCount()).toBe(1);
    expect(await t.strategy.storeState()).toBe('none');
    // Past exp plus the 5 s verify tolerance: a cache that ignored exp would still answer 200.
    t.clock.ms += 906_000;
    const expired = await me(t.app, accessToken);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('ERR_TOKEN_EXPIRED');
  });

  it('refresh issues a new pair; stateless means the old refresh token keeps working', async () => {
    t = await buildJwtTestApp();
    const first = await login(t.app);
    t.clock.ms += 1000;
    const rotated = await refresh(t.app, first.refreshToken);
    expect(rotated.statusCode).toBe(200);
    const next = refreshCookieOf(rotated);
    expect(next).toBeDefined();
    expect(next).not.toBe(first.refreshToken);
    // Absolute lifetime: the rotated token keeps the login's exp, the cookie's Max-Age shrinks.
    const expOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp;
    expect(expOf(next!)).toBe(expOf(first.refreshToken));
    expect(rotated.cookies.find((cookie) => cookie.name === 'rt')?.maxAge).toBe(7 * 24 * 3600 - 1);
    expect((await me(t.app, rotated.json().accessToken)).json().user).toBe('alice');
    // Documented limitation without Redis: no reuse detection.
    expect((await refresh(t.app, first.refreshToken)).statusCode).toBe(200);
    t.clock.ms += 7 * 24 * 3600 * 1000 + 10_000;
    expect((await refresh(t.app, next)).json().code).toBe('ERR_TOKEN_EXPIRED');
  });

  it('logout clears the cookie and is idempotent with absent or garbage credentials', async () => {
    t = await buildJwtTestApp();
    const { accessToken, refreshToken } = await login(t.app);
    const out = await logout(t.app, accessToken, refreshToken);
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((cookie) => cookie.name === 'rt');
    expect(cleared?.value).toBe('');
    expect(cleared?.path).toBe('/auth');
    expect((await logout(t.app)).statusCode).toBe(204);
    expect((await logout(t.app, 'garbage', 'garbage')).statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'POST', url: '/auth/logout', headers: { authorization: 'x' } }))
        .statusCode,
    ).toBe(204);
    // Documented limitation without Redis: the access token is not revoked.
    expect((await me(t.app, accessToken)).statusCode).toBe(200);
  });

  it('two strategies with the same secret accept each other’s tokens; another secret does not', async () => {
    t = await buildJwtTestApp();
    const other = await buildJwtTestApp({ clock: t.clock });
    const stranger = await buildJwtTestApp({
      clock: t.clock,
      config: { authSecret: 'a-completely-different-secret-of-enough-bytes' },
    });
    try {
      const fromA = await login(t.app);
      expect((await me(other.app, fromA.accessToken)).json().user).toBe('alice');
      expect((await refresh(other.app, fromA.refreshToken)).statusCode).toBe(200);
      expect((await me(stranger.app, fromA.accessToken)).json().code).toBe('ERR_TOKEN_INVALID');
      expect((await refresh(stranger.app, fromA.refreshToken)).json().code).toBe('ERR_TOKEN_INVALID');
    } finally {
      await other.app.close();
      await stranger.app.close();
    }
  });
});
