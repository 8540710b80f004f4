import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../lib/wait-for.ts';
import { closeApps, codeOf, fakeClock, login, me, node, sidOf, testConfig } from '../helpers/node.ts';
import { useRedisServer } from '../helpers/redis.ts';

const redis = useRedisServer();
let probe: Redis;

beforeAll(() => {
  probe = new Redis(redis().url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  probe.on('error', () => {});
});
afterAll(() => probe.disconnect());
afterEach(closeApps);

const redisConfig = (env: Record<string, string> = {}) =>
  testConfig({ AUTH_MODE: 'redis', REDIS_URL: redis().url, ...env });

async function commandCalls(): Promise<Record<string, number>> {
  const text = await probe.info('commandstats');
  const calls: Record<string, number> = {};
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[match[1]!] = Number(match[2]);
  return calls;
}

describe('redis sessions', () => {
  it('stores sess:<id> with a TTL and a JSON value (no password, absolute expiry inside)', async () => {
    const app = await node(redisConfig({ SESSION_IDLE_TTL: '10m' }));
    const sid = sidOf(await login(app, 'bob'));
    const id = sid.split('.')[0]!;
    const value = JSON.parse((await probe.get(`sess:${id}`))!);
    expect(value).toMatchObject({ user: 'bob' });
    expect(value.absoluteExpiresAt).toBeGreaterThan(value.createdAt);
    expect(JSON.stringify(value)).not.toContain('bob-pw');
    // Idle timeout plus the grace that lets the node still say "expired" for a while.
    const ttl = await probe.pttl(`sess:${id}`);
    expect(ttl).toBeGreaterThan(19 * 60_000);
    expect(ttl).toBeLessThanOrEqual(20 * 60_000);
    expect((await me(app, sid)).json()).toMatchObject({ user: 'bob', mode: 'redis' });
  });

  it('hot path is one GET per request (idle TTL extended lazily)', async () => {
    const app = await node(redisConfig());
    const sid = sidOf(await login(app));
    const before = await commandCalls();
    for (let i = 0; i < 20; i++) expect((await me(app, sid)).statusCode).toBe(200);
    const after = await commandCalls();
    const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    expect(delta('get')).toBe(20);
    expect(delta('set')).toBe(0);
    expect(delta('pexpire') + delta('expire') + delta('eval') + delta('evalsha')).toBe(0);
  });

  it('concurrent requests are batched into one write but stay one GET each', async () => {
    const app = await node(redisConfig());
    const sids = await Promise.all(
      ['alice', 'bob', 'carol'].map(async (user) => sidOf(await login(app, user))),
    );
    const before = await commandCalls();
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => me(app, sids[i % 3])));
    const after = await commandCalls();
    responses.forEach((response, i) => {
      expect(response.statusCode).toBe(200);
      expect(response.json().user).toBe(['alice', 'bob', 'carol'][i % 3]);
    });
    expect((after.get ?? 0) - (before.get ?? 0)).toBe(30);
  });

  it('extends the idle TTL once enough of the window passed (fake clock)', async () => {
    const clock = fakeClock();
    const app = await node(redisConfig({ SESSION_IDLE_TTL: '10m', SESSION_ABSOLUTE_TTL: '8h' }), {
      now: clock.now,
    });
    const sid = sidOf(await login(app));
    const before = await commandCalls();
    clock.advance(2 * 60_000);
    expect((await me(app, sid)).statusCode).toBe(200);
    const after = await commandCalls();
    expect((after.set ?? 0) - (before.set ?? 0)).toBe(1);
    const stored = JSON.parse((await probe.get(`sess:${sid.split('.')[0]}`))!);
    expect(stored.lastSeenAt).toBe(clock.now());
    // Idle by the node's clock → expired.
    clock.advance(11 * 60_000);
    expect(codeOf(await me(app, sid))).toBe('ERR_SESSION_EXPIRED');
  });

  it('absolute expiry travels in the value: expired → ERR_SESSION_EXPIRED, entry deleted', async () => {
    const clock = fakeClock();
    const app = await node(redisConfig({ SESSION_IDLE_TTL: '10m', SESSION_ABSOLUTE_TTL: '20m' }), {
      now: clock.now,
    });
    const sid = sidOf(await login(app));
    for (let i = 0; i < 3; i++) {
      clock.advance(7 * 60_000);
      const response = await me(app, sid);
      if (i < 2) expect(response.statusCode).toBe(200);
      else expect(codeOf(response)).toBe('ERR_SESSION_EXPIRED');
    }
    expect(await probe.exists(`sess:${sid.split('.')[0]}`)).toBe(0);
  });

  it('idle expiry in real time → ERR_SESSION_EXPIRED (not UNKNOWN), then Redis drops the key', async () => {
    const app = await node(redisConfig({ SESSION_IDLE_TTL: '1s' }));
    const sid = sidOf(await login(app));
    const key = `sess:${sid.split('.')[0]}`;
    const loggedIn = Date.now();
    await waitFor(() => Date.now() - loggedIn > 1100, { what: 'the idle timeout to pass' });
    const response = await me(app, sid);
    expect(codeOf(response)).toBe('ERR_SESSION_EXPIRED');
    expect(await probe.exists(key)).toBe(0);
  });

  it('two redis nodes share sessions; logout on one ends it on both', async () => {
    const a = await node(redisConfig({ NODE_ID: 'node-a' }));
    const b = await node(redisConfig({ NODE_ID: 'node-b' }));
    const sid = sidOf(await login(a, 'user0007'));
    expect((await me(b, sid)).json()).toEqual({ user: 'user0007', node: 'node-b', mode: 'redis' });
    expect((await b.inject({ method: 'POST', url: '/auth/logout', cookies: { sid } })).statusCode).toBe(204);
    expect(codeOf(await me(a, sid))).toBe('ERR_SESSION_UNKNOWN');
  });

  it('fixation: the old id is deleted from Redis at login', async () => {
    const app = await node(redisConfig());
    const first = sidOf(await login(app));
    const second = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'alice', password: 'alice-pw' },
      cookies: { sid: first },
    });
    expect(sidOf(second)).not.toBe(first);
    expect(await probe.exists(`sess:${first.split('.')[0]}`)).toBe(0);
  });

  it('health reports the store; metrics count store ops and live sessions', async () => {
    const app = await node(redisConfig({ NODE_ID: 'node-h' }));
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', node: 'node-h', mode: 'redis', store: 'ok' });
    await me(app, sidOf(await login(app)));
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/authscale_store_operations_total\{op="get"\} [1-9]/);
    expect(metrics).toMatch(/authscale_live_sessions [1-9]/);
  });

  it('Redis hung (SIGSTOP) → 503 within the command timeout, then fine again', async () => {
    const app = await node(redisConfig());
    const sid = sidOf(await login(app));
    redis().pause();
    try {
      const started = Date.now();
      const [hung, health] = await Promise.all([me(app, sid), app.inject({ method: 'GET', url: '/health' })]);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(codeOf(hung)).toBe('ERR_STORE_UNAVAILABLE');
      expect(health.statusCode).toBe(503);
    } finally {
      redis().resume();
    }
    await waitFor(async () => (await me(app, sid)).statusCode === 200, {
      what: 'session readable after resume',
    });
  });

  it('Redis killed → fast 503 ERR_STORE_UNAVAILABLE, /health 503; recovers when it returns', async () => {
    const app = await node(redisConfig());
    const sid = sidOf(await login(app));
    await redis().stop(true);
    try {
      const started = Date.now();
      const down = await me(app, sid);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(down.statusCode).toBe(503);
      expect(codeOf(down)).toBe('ERR_STORE_UNAVAILABLE');
      expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
      const concurrent = await Promise.all(Array.from({ length: 5 }, () => me(app, sid)));
      for (const response of concurrent) expect(codeOf(response)).toBe('ERR_STORE_UNAVAILABLE');
      const loginDown = await login(app, 'bob');
      expect(loginDown.statusCode).toBe(503);
      expect(loginDown.headers['set-cookie']).toBeUndefined();
      const healthStarted = Date.now();
      const health = await app.inject({ method: 'GET', url: '/health' });
      expect(Date.now() - healthStarted).toBeLessThan(1500);
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE', store: 'down' });
    } finally {
      await redis().start();
    }
    // The restarted Redis is empty (no persistence): the node heals, the old session is gone.
    await waitFor(async () => (await app.inject({ method: 'GET', url: '/health' })).statusCode === 200, {
      what: 'node health after Redis restart',
    });
    expect(codeOf(await me(app, sid))).toBe('ERR_SESSION_UNKNOWN');
    const fresh = sidOf(await login(app));
    expect((await me(app, fresh)).statusCode).toBe(200);
  });

  it('a node started while Redis is down still starts, answers 503, and heals when Redis comes up', async () => {
    await redis().stop(true);
    let app: Awaited<ReturnType<typeof node>>;
    try {
      app = await node(redisConfig());
      expect(codeOf(await login(app))).toBe('ERR_STORE_UNAVAILABLE');
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
    } finally {
      await redis().start();
    }
    await waitFor(async () => (await app.inject({ method: 'GET', url: '/health' })).statusCode === 200, {
      what: 'health after Redis came up',
    });
    expect((await me(app, sidOf(await login(app)))).statusCode).toBe(200);
  });
});
