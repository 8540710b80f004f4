import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../lib/wait-for.ts';
import {
  buildJwtNode,
  login,
  logout,
  me,
  refresh,
  refreshCookieOf,
  START_MS,
} from '../../helpers/jwt-app.ts';
import { useRedisServer } from '../../helpers/redis.ts';

/** JWT mode through the real node (buildNode): routes, error shape, /health, /metrics, Redis. */
const redisServer = useRedisServer();

describe('JWT mode in the real node', () => {
  const clock = { ms: START_MS };
  const apps: FastifyInstance[] = [];

  async function node(nodeId: string, withRedis = true): Promise<FastifyInstance> {
    const app = await buildJwtNode({
      clock,
      config: { nodeId, ...(withRedis && { redisUrl: redisServer().url }) },
    });
    apps.push(app);
    if (withRedis) {
      await waitFor(async () => (await app.inject({ method: 'GET', url: '/health' })).statusCode === 200, {
        what: `${nodeId} healthy`,
      });
    }
    return app;
  }

  async function metricsText(app: FastifyInstance): Promise<string> {
    return (await app.inject({ method: 'GET', url: '/metrics' })).body;
  }

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });
  afterAll(async () => {
    if (!redisServer().running) await redisServer().start();
  });

  it('stateless: login, /api/me, health store none, two nodes with the same secret share tokens', async () => {
    const a = await node('node-a', false);
    const b = await node('node-b', false);
    const { accessToken, refreshToken, response } = await login(a);
    expect(response.json()).toMatchObject({
      user: 'alice',
      node: 'node-a',
      mode: 'jwt',
      tokenType: 'Bearer',
    });
    const onB = await me(b, accessToken);
    expect(onB.statusCode).toBe(200);
    expect(onB.json()).toEqual({ user: 'alice', node: 'node-b', mode: 'jwt' });
    expect(onB.headers['x-node-id']).toBe('node-b');
    expect((await refresh(b, refreshToken)).statusCode).toBe(200);
    expect((await b.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ store: 'none' });
  });

  it('with Redis: logout on one node revokes the cached token on another; reuse revokes the family', async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    const first = await login(a);
    expect((await me(b, first.accessToken)).statusCode).toBe(200); // now cached on b
    expect((await logout(a, first.accessToken, first.refreshToken)).statusCode).toBe(204);
    const revoked = await me(b, first.accessToken);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('ERR_TOKEN_REVOKED');

    const second = await login(b);
    const rt1 = refreshCookieOf(await refresh(a, second.refreshToken))!;
    expect(rt1).toBeDefined();
    clock.ms += 11_000;
    const reused = await refresh(b, second.refreshToken);
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe('ERR_REFRESH_REUSED');
    expect(String(reused.headers['set-cookie'])).toMatch(/^rt=;.*Path=\/auth/); // cleared even on a 401
    expect((await refresh(a, rt1)).json().code).toBe('ERR_REFRESH_REUSED');

    expect(await metricsText(b)).toMatch(/authscale_auth_failures_total\{reason="ERR_REFRESH_REUSED"\} 1/);
    expect(await metricsText(a)).toMatch(/authscale_store_operations_total\{op="eval"\} [1-9]/);
  });

  it('Redis down: /health degraded (still 200), refresh 503 fast, access accepted (fail-open counted), recovery', async () => {
    const a = await node('node-a');
    const { accessToken, refreshToken } = await login(a);
    await redisServer().stop(true);
    try {
      // jwt stays in the balancer's rotation while the store is down: access needs no store.
      await waitFor(
        async () => {
          const health = await a.inject({ method: 'GET', url: '/health' });
          return (
            health.statusCode === 200 && health.json().status === 'degraded' && health.json().store === 'down'
          );
        },
        { what: 'health degraded' },
      );
      const started = Date.now();
      const failed = await refresh(a, refreshToken);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(failed.statusCode).toBe(503);
      expect(failed.json().code).toBe('ERR_STORE_UNAVAILABLE');
      const access = await me(a, accessToken);
      expect(access.statusCode).toBe(200);
      expect(await metricsText(a)).toMatch(/op="denylist_fail_open"\} [1-9]/);
    } finally {
      await redisServer().start();
    }
    await waitFor(async () => (await a.inject({ method: 'GET', url: '/health' })).json().status === 'ok', {
      what: 'health back',
    });
    const again = await login(a);
    expect((await refresh(a, again.refreshToken)).statusCode).toBe(200);
  });
});
