import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassroom } from '../../classroom/build-classroom.ts';
import { LiveCluster } from '../../classroom/live-cluster.ts';
import { freePort } from '../../lib/free-port.ts';

/**
 * "Try it yourself" through the console's /try proxy against a real stateless-JWT cluster:
 * cookies stay HttpOnly under /try, forged tokens are refused, and a stolen token outlives logout.
 */
let live: LiveCluster;
let app: ReturnType<typeof buildClassroom>;

beforeAll(async () => {
  live = await LiveCluster.start({
    setup: { mode: 'jwt', strategy: 'round-robin', nodes: 2 },
    balancerPort: await freePort(),
    healthInterval: '250ms',
  });
  app = buildClassroom({ live, lang: 'en', trafficRate: 0 });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await live?.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function login(): Promise<{ token: string; cookies: string[] }> {
  const response = await app.inject({
    method: 'POST',
    url: '/try/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: { username: 'alice', password: 'alice-pw' },
  });
  expect(response.statusCode).toBe(200);
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return { token: response.json().accessToken, cookies };
}

describe('try it yourself, stateless JWT', () => {
  it('keeps the refresh cookie HttpOnly, moved under /try, and shows the line with the value cut short', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/try/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: { username: 'alice', password: 'alice-pw' },
    });
    const cookie = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('rt='));
    expect(cookie).toMatch(/; Path=\/try\/auth; .*HttpOnly/);
    const shown = JSON.parse(String(response.headers['x-classroom-set-cookie'])) as string[];
    expect(shown[0]).toMatch(/^rt=.{10}\.\.\.\(\d+ B\); .*Path=\/auth; .*HttpOnly/);
    expect(shown[0]).not.toContain(cookie!.slice(3, 40));
    expect(response.headers['x-node-id']).toMatch(/^node-\d$/);
  });

  it('refuses a stripped, alg:none or tampered token with 401 ERR_TOKEN_INVALID', async () => {
    const { token } = await login();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = [
      `${header}.${payload}.`,
      `${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`,
      `${header}.${b64({ ...claims, sub: 'admin' })}.${signature}`,
    ];
    const me = (value: string) =>
      app.inject({ url: '/try/api/me', headers: { authorization: `Bearer ${value}` } });
    expect((await me(token)).statusCode).toBe(200);
    for (const value of forged) {
      const response = await me(value);
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('ERR_TOKEN_INVALID');
    }
  });

  it('steal it: a stolen stateless access token still works after logout', async () => {
    const { token } = await login();
    const response = await app.inject({
      method: 'POST',
      url: '/try/auth/steal',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: {},
    });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result.before.map((r: { status: number }) => r.status)).toEqual([200, 200, 200]);
    expect(result.logout.status).toBe(204);
    expect(result.after.map((r: { status: number }) => r.status)).toEqual([200, 200, 200]);
  });

  it('steal it without a credential is a 401 ERR_NO_CREDENTIALS, not a 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/try/auth/steal',
      headers: { 'content-type': 'application/json' },
      payload: {},
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('ERR_NO_CREDENTIALS');
  });

  it('forwards only the routes of the lesson', async () => {
    expect((await app.inject({ url: '/try/__lb/stats' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/try/__admin/crash' })).statusCode).toBe(404);
  });
});
