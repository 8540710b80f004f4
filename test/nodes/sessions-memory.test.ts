import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApps, codeOf, fakeClock, login, me, node, sidOf, testConfig } from '../helpers/node.ts';

afterEach(closeApps);

describe('memory sessions', () => {
  it('login → /api/me works; every response carries x-node-id', async () => {
    const app = await node(testConfig({ NODE_ID: 'node-3' }));
    const response = await me(app, sidOf(await login(app, 'carol')));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: 'carol', node: 'node-3', mode: 'memory' });
    expect(response.headers['x-node-id']).toBe('node-3');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('no cookie → 401 ERR_NO_CREDENTIALS', async () => {
    const app = await node(testConfig());
    const response = await me(app);
    expect(response.statusCode).toBe(401);
    expect(codeOf(response)).toBe('ERR_NO_CREDENTIALS');
  });

  it('a well-signed id the node does not know → 401 ERR_SESSION_UNKNOWN and no new cookie', async () => {
    const issuer = await node(testConfig());
    const other = await node(testConfig());
    const sid = sidOf(await login(issuer));
    const response = await me(other, sid);
    expect(response.statusCode).toBe(401);
    expect(codeOf(response)).toBe('ERR_SESSION_UNKNOWN');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('tampered, unsigned or foreign-signed cookie → 401 ERR_SESSION_INVALID, no new cookie', async () => {
    const app = await node(testConfig());
    const sid = sidOf(await login(app));
    const [id, signature] = sid.split('.') as [string, string];
    const flipped = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}.${signature}`;
    const foreign = await node(testConfig({ AUTH_SECRET: randomBytes(32).toString('base64url') }));
    const foreignSid = sidOf(await login(foreign));
    for (const bad of [flipped, id, `${id}.`, 'garbage', foreignSid]) {
      const response = await me(app, bad);
      expect(response.statusCode, bad).toBe(401);
      expect(codeOf(response)).toBe('ERR_SESSION_INVALID');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('fixation: login with an existing sid issues a new id and kills the old one', async () => {
    const app = await node(testConfig());
    const first = sidOf(await login(app));
    const second = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'alice', password: 'alice-pw' },
      cookies: { sid: first },
    });
    const fresh = sidOf(second);
    expect(fresh).not.toBe(first);
    expect(codeOf(await me(app, first))).toBe('ERR_SESSION_UNKNOWN');
    expect((await me(app, fresh)).statusCode).toBe(200);
  });

  it('session ids are 256-bit base64url and unique', async () => {
    const app = await node(testConfig());
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add(sidOf(await login(app)).split('.')[0]!);
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('idle expiry with a fake clock → ERR_SESSION_EXPIRED; activity keeps it alive', async () => {
    const clock = fakeClock();
    const app = await node(testConfig({ SESSION_IDLE_TTL: '10m', SESSION_ABSOLUTE_TTL: '8h' }), {
      now: clock.now,
    });
    const sid = sidOf(await login(app));
    for (let i = 0; i < 3; i++) {
      clock.advance(9 * 60_000);
      expect((await me(app, sid)).statusCode).toBe(200);
    }
    clock.advance(10 * 60_000);
    const response = await me(app, sid);
    expect(response.statusCode).toBe(401);
    expect(codeOf(response)).toBe('ERR_SESSION_EXPIRED');
  });

  it('absolute expiry with a fake clock, even for an active session', async () => {
    const clock = fakeClock();
    const app = await node(testConfig({ SESSION_IDLE_TTL: '10m', SESSION_ABSOLUTE_TTL: '30m' }), {
      now: clock.now,
    });
    const sid = sidOf(await login(app));
    for (let i = 0; i < 3; i++) {
      clock.advance(9 * 60_000);
      expect((await me(app, sid)).statusCode).toBe(200);
    }
    clock.advance(4 * 60_000); // 31 minutes after login, 4 after the last request
    expect(codeOf(await me(app, sid))).toBe('ERR_SESSION_EXPIRED');
  });

  it('logout → 204, destroys the session server-side and clears the cookie', async () => {
    const app = await node(testConfig());
    const sid = sidOf(await login(app));
    const response = await app.inject({ method: 'POST', url: '/auth/logout', cookies: { sid } });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'sid')?.value).toBe('');
    expect(codeOf(await me(app, sid))).toBe('ERR_SESSION_UNKNOWN');
    // Idempotent, even without a cookie.
    expect((await app.inject({ method: 'POST', url: '/auth/logout' })).statusCode).toBe(204);
  });

  it('cross-site logout → 403 ERR_CROSS_SITE and the session survives', async () => {
    const app = await node(testConfig({ TRUST_PROXY: '127.0.0.1' }));
    const sid = sidOf(await login(app));
    const attempts = [
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost:80', host: 'app.example' },
    ];
    for (const headers of attempts) {
      const response = await app.inject({ method: 'POST', url: '/auth/logout', cookies: { sid }, headers });
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(codeOf(response)).toBe('ERR_CROSS_SITE');
    }
    expect((await me(app, sid)).statusCode).toBe(200);
    // Same origin, directly or through the balancer (x-forwarded-host), is fine.
    const viaBalancer = await app.inject({
      method: 'POST',
      url: '/auth/logout',
      cookies: { sid },
      headers: {
        origin: 'http://localhost:8080',
        host: '127.0.0.1:3001',
        'x-forwarded-host': 'localhost:8080',
      },
    });
    expect(viaBalancer.statusCode).toBe(204);
    // X-Forwarded-Host counts only from a TRUST_PROXY peer.
    const untrusted = await node(testConfig());
    const forged = await untrusted.inject({
      method: 'POST',
      url: '/auth/logout',
      cookies: { sid: sidOf(await login(untrusted)) },
      headers: { origin: 'http://evil.example', host: '127.0.0.1:3001', 'x-forwarded-host': 'evil.example' },
    });
    expect(codeOf(forged)).toBe('ERR_CROSS_SITE');
  });

  it('refresh does not exist in session modes → 404 ERR_NOT_FOUND', async () => {
    const app = await node(testConfig());
    const response = await app.inject({ method: 'POST', url: '/auth/refresh' });
    expect(response.statusCode).toBe(404);
    expect(codeOf(response)).toBe('ERR_NOT_FOUND');
  });

  it('two memory nodes with the same secret do not share sessions', async () => {
    const a = await node(testConfig({ NODE_ID: 'node-a' }));
    const b = await node(testConfig({ NODE_ID: 'node-b' }));
    const sid = sidOf(await login(a));
    expect((await me(a, sid)).json()).toMatchObject({ node: 'node-a' });
    const other = await me(b, sid);
    expect(codeOf(other)).toBe('ERR_SESSION_UNKNOWN');
    expect(other.headers['x-node-id']).toBe('node-b');
  });
});
