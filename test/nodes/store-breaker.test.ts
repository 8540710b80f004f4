import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../lib/redis-server.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { REDIS_COMMAND_TIMEOUT_MS } from '../../nodes/redis-client.ts';
import { closeApps, codeOf, login, me, node, sidOf, testConfig } from '../helpers/node.ts';

/** Our own redis-server: the tests SIGSTOP it (a stalled store: connections open, no replies). */
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  redis.resume();
  await redis.stop(true);
});
afterEach(async () => {
  redis.resume();
  await closeApps();
});

async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await call();
  return { ms: performance.now() - started, value };
}

async function metric(app: Awaited<ReturnType<typeof node>>, pattern: RegExp): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  return Number(pattern.exec(text)?.[1] ?? 0);
}

const SHORT_CIRCUITS = /^authscale_store_operations_total\{op="short_circuit"\} (\d+)/m;
const CIRCUIT_OPEN = /^authscale_store_circuit_open (\d+)/m;

describe('store circuit breaker', () => {
  it('redis mode: after one timeout the next requests fail at once (503), then recover on the first good probe', async () => {
    const app = await node(testConfig({ AUTH_MODE: 'redis', REDIS_URL: redis.url }));
    const sid = sidOf(await login(app));
    expect((await me(app, sid)).statusCode).toBe(200);

    redis.pause();
    const first = await timed(() => me(app, sid));
    expect(first.value.statusCode).toBe(503); // waited for the command timeout
    const second = await timed(() => me(app, sid));
    expect(second.value.statusCode).toBe(503);
    expect(codeOf(second.value)).toBe('ERR_STORE_UNAVAILABLE');
    expect(second.value.headers['retry-after']).toBe('1');
    // Without the breaker every request waits the full command timeout; with it, none does.
    expect(second.ms).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS);
    const health = await timed(() => app.inject({ method: 'GET', url: '/health' }));
    expect(health.value.statusCode).toBe(503);
    expect(health.ms).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS);
    const loginDuringStall = await timed(() => login(app, 'bob'));
    expect(codeOf(loginDuringStall.value)).toBe('ERR_STORE_UNAVAILABLE');
    expect(loginDuringStall.ms).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS);
    expect(await metric(app, SHORT_CIRCUITS)).toBeGreaterThanOrEqual(2);
    expect(await metric(app, CIRCUIT_OPEN)).toBe(1);

    redis.resume();
    await waitFor(async () => (await me(app, sid)).statusCode === 200, { what: 'recovery after resume' });
    expect(await metric(app, CIRCUIT_OPEN)).toBe(0);
  });

  it('jwt + redis: the denylist fails open at once during the stall; login fails fast', async () => {
    const app = await node(testConfig({ AUTH_MODE: 'jwt', REDIS_URL: redis.url }));
    const token = (await login(app)).json().accessToken as string;
    const bearer = { authorization: `Bearer ${token}` };
    const get = () => app.inject({ method: 'GET', url: '/api/me', headers: bearer });
    expect((await get()).statusCode).toBe(200);

    redis.pause();
    expect((await get()).statusCode).toBe(200); // fail open, after the command timeout
    const second = await timed(get);
    expect(second.value.statusCode).toBe(200);
    expect(second.ms).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS);
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toMatchObject({ status: 'degraded', store: 'down' });
    const stalledLogin = await timed(() => login(app, 'bob'));
    expect(codeOf(stalledLogin.value)).toBe('ERR_STORE_UNAVAILABLE');
    expect(stalledLogin.ms).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS);

    redis.resume();
    await waitFor(async () => (await login(app, 'carol')).statusCode === 200, { what: 'login after resume' });
  });
});
