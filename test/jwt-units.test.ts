import type { FastifyRequest } from 'fastify';
import { errors } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthscaleError } from '../lib/errors.ts';
import { issueAccessToken, verifyAccessToken } from '../nodes/auth/jwt/access-token.ts';
import { bearerToken } from '../nodes/auth/jwt/bearer-token.ts';
import { deriveKeyBytes, importJwtKeys } from '../nodes/auth/jwt/keys.ts';
import { issueRefreshToken, verifyRefreshToken } from '../nodes/auth/jwt/refresh-token.ts';
import { toTokenError } from '../nodes/auth/jwt/token-errors.ts';
import { VerifiedTokenCache } from '../nodes/auth/jwt/verified-token-cache.ts';
import { isSecureRequest } from '../nodes/http/secure-request.ts';
import {
  buildJwtTestApp,
  type JwtTestApp,
  login,
  logout,
  me,
  refresh,
  refreshCookieOf,
  START_MS,
  TEST_SECRET,
} from './helpers/jwt-app.ts';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthscaleError) return `${error.statusCode} ${error.code}`;
    return `not an AuthscaleError: ${String(error)}`;
  }
  return 'resolved';
}

function fakeRequest(headers: Record<string, string>, protocol = 'http'): FastifyRequest {
  return { headers, protocol } as unknown as FastifyRequest;
}

describe('keys', () => {
  it('derives distinct access and refresh keys, identical for the same secret', () => {
    const a = deriveKeyBytes(TEST_SECRET);
    const b = deriveKeyBytes(TEST_SECRET);
    expect(Buffer.from(a.access).equals(Buffer.from(b.access))).toBe(true);
    expect(Buffer.from(a.access).equals(Buffer.from(a.refresh))).toBe(false);
    expect(a.access.length).toBe(32);
    expect(Buffer.from(deriveKeyBytes(`${TEST_SECRET}x`).access).equals(Buffer.from(a.access))).toBe(false);
  });
});

describe('access and refresh tokens with a frozen clock', () => {
  it('verifies until exp, then ERR_TOKEN_EXPIRED; typ and keys keep the two kinds apart', async () => {
    const keys = await importJwtKeys(TEST_SECRET);
    const access = await issueAccessToken(keys.access, 'alice', 60, START_MS);
    const header = JSON.parse(Buffer.from(access.token.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    const payload = JSON.parse(Buffer.from(access.token.split('.')[1]!, 'base64url').toString());
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'sub']);
    expect(payload).toMatchObject({ iss: 'authscale', aud: 'authscale-api', sub: 'alice' });
    expect(payload.exp - payload.iat).toBe(60);

    const ok = await verifyAccessToken(access.token, keys.access, 60, START_MS + 59_000);
    expect(ok).toEqual({ user: 'alice', jti: access.jti, expMs: access.exp * 1000 });
    // Within the 5 s clock tolerance it still verifies; past it, expired.
    await verifyAccessToken(access.token, keys.access, 60, START_MS + 63_000);
    expect(await codeOf(verifyAccessToken(access.token, keys.access, 60, START_MS + 70_000))).toBe(
      '401 ERR_TOKEN_EXPIRED',
    );
    // An access token is not a refresh token, even with the right key object swapped in.
    expect(await codeOf(verifyRefreshToken(access.token, keys.refresh, 60, START_MS))).toBe(
      '401 ERR_TOKEN_INVALID',
    );
    expect(await codeOf(verifyRefreshToken(access.token, keys.access, 60, START_MS))).toBe(
      '401 ERR_TOKEN_INVALID',
    );

    const rt = await issueRefreshToken(keys.refresh, 'alice', 'fam-1', START_MS / 1000 + 3600, START_MS);
    expect(await verifyRefreshToken(rt.token, keys.refresh, 3600, START_MS)).toMatchObject({
      user: 'alice',
      fam: 'fam-1',
      jti: rt.jti,
    });
    expect(await codeOf(verifyAccessToken(rt.token, keys.access, 3600, START_MS))).toBe(
      '401 ERR_TOKEN_INVALID',
    );
    expect(await codeOf(verifyAccessToken(rt.token, keys.refresh, 3600, START_MS))).toBe(
      '401 ERR_TOKEN_INVALID',
    );
  });

  it('maps errors: only expiry is ERR_TOKEN_EXPIRED; TypeError and the rest are ERR_TOKEN_INVALID', () => {
    expect(toTokenError(new errors.JWTExpired('x', {})).code).toBe('ERR_TOKEN_EXPIRED');
    for (const error of [
      new TypeError('Key for the HS256 algorithm must be of type CryptoKey'),
      new errors.JWSSignatureVerificationFailed(),
      new errors.JOSEAlgNotAllowed('x'),
      new errors.JOSENotSupported('x'),
      new errors.JWSInvalid('x'),
      new errors.JWTClaimValidationFailed('x', {}),
      new SyntaxError('json'),
      'a string',
      undefined,
    ]) {
      const mapped = toTokenError(error);
      expect(mapped.code).toBe('ERR_TOKEN_INVALID');
      expect(mapped.statusCode).toBe(401);
    }
  });
});

describe('bearerToken', () => {
  it('reads Bearer tokens and rejects everything else with a code', () => {
    expect(bearerToken(fakeRequest({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(bearerToken(fakeRequest({ authorization: 'BEARER abc' }))).toBe('abc');
    const codeFor = (headers: Record<string, string>) => {
      try {
        bearerToken(fakeRequest(headers));
        return 'accepted';
      } catch (error) {
        return (error as AuthscaleError).code;
      }
    };
    expect(codeFor({})).toBe('ERR_NO_CREDENTIALS');
    expect(codeFor({ authorization: '' })).toBe('ERR_NO_CREDENTIALS');
    expect(codeFor({ authorization: 'Bearer' })).toBe('ERR_TOKEN_INVALID');
    expect(codeFor({ authorization: 'Bearer ' })).toBe('ERR_TOKEN_INVALID');
    expect(codeFor({ authorization: 'Basic abc' })).toBe('ERR_TOKEN_INVALID');
    expect(codeFor({ authorization: 'Bearerabc' })).toBe('ERR_TOKEN_INVALID');
    expect(codeFor({ authorization: `Bearer ${'a'.repeat(5000)}` })).toBe('ERR_TOKEN_INVALID');
  });
});

describe('isSecureRequest', () => {
  it('follows COOKIE_SECURE, and in auto mode request.protocol only', () => {
    expect(isSecureRequest(fakeRequest({}), 'auto')).toBe(false);
    expect(isSecureRequest(fakeRequest({}, 'https'), 'auto')).toBe(true);
    // X-Forwarded-Proto counts only through request.protocol, i.e. from a TRUST_PROXY peer
    // (Fastify's trustProxy; see test/node-trust-proxy.test.ts): the raw header alone never does.
    expect(isSecureRequest(fakeRequest({ 'x-forwarded-proto': 'https' }), 'auto')).toBe(false);
    expect(isSecureRequest(fakeRequest({}), 'true')).toBe(true);
    expect(isSecureRequest(fakeRequest({}, 'https'), 'false')).toBe(false);
  });
});

describe('VerifiedTokenCache', () => {
  const entry = (user: string, expMs: number) => ({ user, jti: `j-${user}`, expMs });

  it('is a bounded LRU whose entries die at exp', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', entry('a', 10_000), 0);
    cache.set('b', entry('b', 10_000), 0);
    expect(cache.get('a', 1)?.user).toBe('a'); // a is now the most recent
    cache.set('c', entry('c', 10_000), 1); // evicts b, the least recently used
    expect(cache.get('b', 2)).toBeUndefined();
    expect(cache.get('a', 2)?.user).toBe('a');
    expect(cache.get('c', 2)?.user).toBe('c');
    expect(cache.size).toBe(2);
    expect(cache.get('a', 10_000)).toBeUndefined(); // exp reached
    expect(cache.size).toBe(1);
    cache.set('old', entry('old', 5), 10); // already expired: not stored
    expect(cache.get('old', 0)).toBeUndefined();
  });

  it('capacity 0 disables it', () => {
    const cache = new VerifiedTokenCache(0);
    cache.set('a', entry('a', 10_000), 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

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
