import { afterEach, describe, expect, it } from 'vitest';
import { closeApps, login, me, node, sidOf, testConfig } from '../helpers/node.ts';

afterEach(closeApps);

describe('Cache-Control: no-store on every response that carries a credential', () => {
  it('session modes: login (200 and 401), logout (clears the cookie)', async () => {
    const app = await node(testConfig());
    const ok = await login(app);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect((await login(app, 'alice', 'wrong')).headers['cache-control']).toBe('no-store');
    const sid = sidOf(ok);
    const logout = await app.inject({ method: 'POST', url: '/auth/logout', cookies: { sid } });
    expect(logout.statusCode).toBe(204);
    expect(logout.headers['set-cookie']).toBeDefined();
    expect(logout.headers['cache-control']).toBe('no-store');
    // A plain API answer carries no credential and keeps its default caching.
    expect((await me(app)).headers['cache-control']).toBeUndefined();
  });

  it('jwt: login and refresh (tokens in the body, rt cookie)', async () => {
    const app = await node(testConfig({ AUTH_MODE: 'jwt' }));
    const response = await login(app);
    expect(response.headers['cache-control']).toBe('no-store');
    const rt = response.cookies.find((cookie) => cookie.name === 'rt')!.value;
    const refreshed = await app.inject({ method: 'POST', url: '/auth/refresh', cookies: { rt } });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');
  });
});
