import { afterEach, describe, expect, it } from 'vitest';
import { closeApps, codeOf, login, node, testConfig } from '../helpers/node.ts';

afterEach(closeApps);

const post = (payload: string, contentType = 'application/json') => ({
  method: 'POST' as const,
  url: '/auth/login',
  headers: { 'content-type': contentType },
  payload,
});

describe('POST /auth/login input hardening', () => {
  it.each([
    ['extra keys', JSON.stringify({ username: 'alice', password: 'alice-pw', admin: true })],
    ['non-string username', JSON.stringify({ username: 42, password: 'alice-pw' })],
    ['non-string password', JSON.stringify({ username: 'alice', password: ['alice-pw'] })],
    ['too long username', JSON.stringify({ username: 'a'.repeat(65), password: 'x' })],
    ['too long password', JSON.stringify({ username: 'alice', password: 'p'.repeat(129) })],
    ['missing password', JSON.stringify({ username: 'alice' })],
    ['missing both', '{}'],
    ['malformed JSON', '{"username": "alice", '],
    ['a JSON array', '["alice","alice-pw"]'],
    ['empty body', ''],
    ['proto poisoning', '{"username":"alice","password":"alice-pw","__proto__":{"x":1}}'],
  ])('%s → 400 ERR_BAD_REQUEST', async (_name, payload) => {
    const app = await node(testConfig());
    const response = await app.inject(post(payload));
    expect(response.statusCode).toBe(400);
    expect(codeOf(response)).toBe('ERR_BAD_REQUEST');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('text/plain → 415 without parsing', async () => {
    const app = await node(testConfig());
    const response = await app.inject(post('{"username":"alice","password":"alice-pw"}', 'text/plain'));
    expect(response.statusCode).toBe(415);
    expect(codeOf(response)).toBe('ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('form encoding → 415', async () => {
    const app = await node(testConfig());
    const response = await app.inject(
      post('username=alice&password=alice-pw', 'application/x-www-form-urlencoded'),
    );
    expect(response.statusCode).toBe(415);
    expect(codeOf(response)).toBe('ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('huge body → 413 ERR_BODY_TOO_LARGE', async () => {
    const app = await node(testConfig());
    const response = await app.inject(
      post(JSON.stringify({ username: 'alice', password: 'x'.repeat(100_000) })),
    );
    expect(response.statusCode).toBe(413);
    expect(codeOf(response)).toBe('ERR_BODY_TOO_LARGE');
  });

  it('good credentials → 200 with user, node, mode and a session cookie', async () => {
    const app = await node(testConfig({ NODE_ID: 'node-7' }));
    const response = await login(app, 'user0042');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: 'user0042', node: 'node-7', mode: 'memory' });
    expect(response.headers['x-node-id']).toBe('node-7');
    const cookie = response.cookies.find((c) => c.name === 'sid')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
  });

  it('Secure cookie behind a trusted TLS proxy (COOKIE_SECURE=auto) and when forced; forged proto ignored', async () => {
    const untrusted = await node(testConfig());
    const forged = await login(untrusted, 'alice', 'alice-pw', { 'x-forwarded-proto': 'https' });
    expect(forged.cookies.find((c) => c.name === 'sid')?.secure).toBeFalsy();
    const behindProxy = await node(testConfig({ TRUST_PROXY: '127.0.0.1' }));
    const proxied = await login(behindProxy, 'alice', 'alice-pw', { 'x-forwarded-proto': 'https' });
    expect(proxied.cookies.find((c) => c.name === 'sid')?.secure).toBe(true);
    const forced = await node(testConfig({ COOKIE_SECURE: 'true' }));
    expect((await login(forced)).cookies.find((c) => c.name === 'sid')?.secure).toBe(true);
  });

  it('wrong password and unknown user get the same 401 ERR_INVALID_CREDENTIALS', async () => {
    const app = await node(testConfig());
    const wrong = await login(app, 'alice', 'nope');
    const unknown = await login(app, 'mallory', 'nope');
    const zero = await login(app, 'user0000', 'user0000-pw');
    for (const response of [wrong, unknown, zero]) {
      expect(response.statusCode).toBe(401);
      expect(codeOf(response)).toBe('ERR_INVALID_CREDENTIALS');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('rate limits login attempts per username+IP → 429 ERR_RATE_LIMITED with Retry-After', async () => {
    const app = await node(testConfig(), { loginRateLimit: 3 });
    for (let i = 0; i < 3; i++) expect((await login(app, 'alice', 'wrong')).statusCode).toBe(401);
    const limited = await login(app, 'alice', 'alice-pw');
    expect(limited.statusCode).toBe(429);
    expect(codeOf(limited)).toBe('ERR_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another username from the same IP is a different bucket.
    expect((await login(app, 'bob')).statusCode).toBe(200);
  });

  it('LOGIN_RATE_LIMIT from the environment applies; 0 disables it', async () => {
    const limited = await node(testConfig({ LOGIN_RATE_LIMIT: '1' }));
    expect((await login(limited)).statusCode).toBe(200);
    expect((await login(limited)).statusCode).toBe(429);
    const unlimited = await node(testConfig({ LOGIN_RATE_LIMIT: '0' }));
    for (let i = 0; i < 25; i++) expect((await login(unlimited, 'alice', 'bad')).statusCode).toBe(401);
  });
});
