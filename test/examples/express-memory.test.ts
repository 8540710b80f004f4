import { afterEach, describe, expect, it } from 'vitest';
import {
  cookieFrom,
  jsonPost,
  randomSecret,
  spawnExample,
  startExample,
  stopExamples,
} from './example-process.ts';

const COMMAND = ['node', 'server.js'];
const secrets = { SESSION_SECRET: randomSecret(), DEMO_PASSWORD: randomSecret() };

afterEach(stopExamples);

async function login(url: string, username = 'alice', password = secrets.DEMO_PASSWORD) {
  const response = await jsonPost(`${url}/login`, { username, password });
  return { status: response.status, cookie: cookieFrom(response), body: await response.text() };
}

const me = (url: string, cookie: string) => fetch(`${url}/api/me`, { headers: { cookie } });

describe('examples/express-memory', () => {
  it.each(['SESSION_SECRET', 'DEMO_PASSWORD'])(
    'refuses to start without %s: exit 1, one line naming it',
    async (name) => {
      const run = spawnExample('express-memory', COMMAND, { ...secrets, [name]: '' });
      expect(await run.exited).toBe(1);
      expect(run.err().trim().split('\n')).toEqual([expect.stringContaining(`${name} is not set`)]);
    },
  );

  it('logs in, keeps the session, logs out (the cookie stops working)', async () => {
    const app = await startExample('express-memory', COMMAND, secrets);
    expect((await login(app.url, 'alice', 'wrong')).status).toBe(401);
    const { status, cookie } = await login(app.url);
    expect(status).toBe(200);
    expect(cookie).toMatch(/^sid=/);
    for (let i = 0; i < 3; i++) expect(await (await me(app.url, cookie!)).json()).toEqual({ user: 'alice' });
    const logout = await fetch(`${app.url}/logout`, { method: 'POST', headers: { cookie: cookie! } });
    expect(logout.status).toBe(204);
    expect((await me(app.url, cookie!)).status).toBe(401);
  });

  it('a session made by process A is unknown to process B (per-replica state)', async () => {
    const [a, b] = await Promise.all([
      startExample('express-memory', COMMAND, secrets),
      startExample('express-memory', COMMAND, secrets),
    ]);
    const { cookie } = await login(a.url);
    expect((await me(a.url, cookie!)).status).toBe(200);
    expect((await me(b.url, cookie!)).status).toBe(401);
  });

  it('answers malformed JSON with a 400 in JSON, never an HTML stack trace', async () => {
    const app = await startExample('express-memory', COMMAND, secrets);
    const response = await fetch(`${app.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{bad',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.text()).not.toMatch(/\bat .*\.js:\d+/);
  });
});
