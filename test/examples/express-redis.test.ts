import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../lib/wait-for.ts';
import { useRedisServer } from '../helpers/redis.ts';
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
const redis = useRedisServer();

afterEach(stopExamples);

async function loginCookie(url: string): Promise<string> {
  const response = await jsonPost(`${url}/login`, { username: 'alice', password: secrets.DEMO_PASSWORD });
  expect(response.status).toBe(200);
  // The whole answer, as a browser reads it: express-session holds back its last byte until the
  // session is saved, so the headers alone may arrive before Redis has the session.
  expect(await response.json()).toEqual({ user: 'alice' });
  return cookieFrom(response)!;
}

/** Bounded: a request that hangs while the store is down fails the test instead of stalling it. */
const me = (url: string, cookie: string) =>
  fetch(`${url}/api/me`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });

describe('examples/express-redis', () => {
  it.each(['SESSION_SECRET', 'DEMO_PASSWORD', 'REDIS_URL'])('refuses to start without %s', async (name) => {
    const run = spawnExample('express-redis', COMMAND, { ...secrets, REDIS_URL: redis().url, [name]: '' });
    expect(await run.exited).toBe(1);
    expect(run.err().trim().split('\n')).toEqual([expect.stringContaining(`${name} is not set`)]);
  });

  it('shares sessions between processes, and logout on one revokes the copy on the other at once', async () => {
    const env = { ...secrets, REDIS_URL: redis().url };
    const [a, b] = await Promise.all([
      startExample('express-redis', COMMAND, env),
      startExample('express-redis', COMMAND, env),
    ]);
    const cookie = await loginCookie(a.url);
    expect(await (await me(b.url, cookie)).json()).toEqual({ user: 'alice' });
    expect((await me(a.url, cookie)).status).toBe(200);
    const logout = await fetch(`${b.url}/logout`, { method: 'POST', headers: { cookie } });
    expect(logout.status).toBe(204);
    expect((await me(a.url, cookie)).status).toBe(401);
    expect((await me(b.url, cookie)).status).toBe(401);
  });

  it('answers 503 while Redis is down (no hang) and recovers when it is back', async () => {
    const app = await startExample('express-redis', COMMAND, { ...secrets, REDIS_URL: redis().url });
    const cookie = await loginCookie(app.url);
    await redis().stop(true);
    try {
      expect((await me(app.url, cookie)).status).toBe(503);
      expect((await fetch(`${app.url}/health`)).status).toBe(503);
    } finally {
      await redis().start();
    }
    // Redis restarted empty (no persistence): the app reconnects, the old session is gone.
    await waitFor(async () => (await fetch(`${app.url}/health`)).status === 200, {
      timeoutMs: 15_000,
      what: 'reconnect to Redis',
    });
    expect((await me(app.url, cookie)).status).toBe(401);
    expect((await me(app.url, await loginCookie(app.url))).status).toBe(200);
  });
});
