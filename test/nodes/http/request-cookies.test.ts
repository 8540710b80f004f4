import { afterEach, describe, expect, it } from 'vitest';
import { closeApps, codeOf, login, me, node, sidOf, testConfig } from '../../helpers/node.ts';

afterEach(closeApps);

// @fastify/cookie runs without its parse hook (build-node.ts): cookies are parsed where read.
describe('cookies parsed where they are read', () => {
  it('the session cookie is found among others and its signature is still checked', async () => {
    const app = await node(testConfig());
    const sid = sidOf(await login(app));
    const among = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `theme=dark; sid=${sid}; lang=ko` },
    });
    expect(among.statusCode).toBe(200);
    expect(among.json()).toMatchObject({ user: 'alice' });
    const [id] = sid.split('.') as [string];
    const unsigned = await me(app, id);
    expect(unsigned.statusCode).toBe(401);
    expect(codeOf(unsigned)).toBe('ERR_SESSION_INVALID');
    const tampered = await me(app, `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}.${sid.split('.')[1]}`);
    expect(codeOf(tampered)).toBe('ERR_SESSION_INVALID');
    expect(codeOf(await me(app))).toBe('ERR_NO_CREDENTIALS');
  });

  it('routes that read no cookie answer with or without one, stamped as before', async () => {
    const app = await node(testConfig({ AUTH_MODE: 'jwt', NODE_ID: 'node-c' }));
    for (const cookie of [undefined, 'sid=x; rt=y', '%%%; ;=; a=%E0%A4%A']) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/public',
        ...(cookie !== undefined && { headers: { cookie } }),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ node: 'node-c' });
      expect(response.headers['x-node-id']).toBe('node-c');
      expect(response.headers['cache-control']).toBeUndefined();
    }
  });

  it('jwt: the refresh cookie is read on /auth/refresh; login and refresh stay no-store', async () => {
    const app = await node(testConfig({ AUTH_MODE: 'jwt' }));
    const response = await login(app);
    expect(response.headers['cache-control']).toBe('no-store');
    const rt = response.cookies.find((cookie) => cookie.name === 'rt')!.value;
    const refreshed = await app.inject({
      method: 'POST',
      url: '/auth/refresh',
      headers: { cookie: `other=1; rt=${rt}` },
    });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');
    expect(refreshed.headers['x-node-id']).toBeDefined();
    const without = await app.inject({ method: 'POST', url: '/auth/refresh' });
    expect(without.statusCode).toBe(401);
    expect(codeOf(without)).toBe('ERR_NO_CREDENTIALS');
  });
});
