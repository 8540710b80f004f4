import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toHttpError } from '../../nodes/http/errors.ts';
import { closeApps, codeOf, login, me, node, sidOf, testConfig } from '../helpers/node.ts';

afterEach(closeApps);

const ADMIN_TOKEN = randomBytes(24).toString('base64url');

describe('health, metrics, errors, admin', () => {
  it('GET /health → 200 {status, node, mode, store} with x-node-id', async () => {
    const app = await node(testConfig({ NODE_ID: 'node-9' }));
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', node: 'node-9', mode: 'memory', store: 'none' });
    expect(response.headers['x-node-id']).toBe('node-9');
  });

  it('GET /api/public needs no credentials', async () => {
    const app = await node(testConfig({ NODE_ID: 'node-p' }));
    const response = await app.inject({ method: 'GET', url: '/api/public' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ node: 'node-p' });
  });

  it('unknown route → 404 ERR_NOT_FOUND JSON with x-node-id', async () => {
    const app = await node(testConfig({ NODE_ID: 'node-4' }));
    const response = await app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(codeOf(response)).toBe('ERR_NOT_FOUND');
    expect(response.headers['x-node-id']).toBe('node-4');
  });

  it('/metrics exposes requests by route+status, auth failures by reason, sessions, store ops, CPU', async () => {
    const app = await node(testConfig());
    const sid = sidOf(await login(app));
    await me(app, sid);
    await me(app, 'garbage');
    await me(app);
    await login(app, 'alice', 'wrong');
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toContain('authscale_http_requests_total{route="/api/me",status="200"} 1');
    expect(text).toContain('authscale_http_requests_total{route="/api/me",status="401"} 2');
    expect(text).toContain('authscale_auth_failures_total{reason="ERR_SESSION_INVALID"} 1');
    expect(text).toContain('authscale_auth_failures_total{reason="ERR_NO_CREDENTIALS"} 1');
    expect(text).toContain('authscale_auth_failures_total{reason="ERR_INVALID_CREDENTIALS"} 1');
    expect(text).toContain('authscale_live_sessions 1');
    expect(text).toMatch(/authscale_store_operations_total\{op="get"\} 1/);
    expect(text).toMatch(/process_cpu_user_seconds_total \d/);
    // The event-loop-lag histogram samples less often (metrics.ts); its metrics are all still there
    // (an app younger than one sample has no mean yet: prom-client writes Nan).
    for (const name of [
      'lag',
      'lag_min',
      'lag_max',
      'lag_mean',
      'lag_stddev',
      'lag_p50',
      'lag_p90',
      'lag_p99',
    ])
      expect(text).toMatch(new RegExp(`^nodejs_eventloop_${name}_seconds (\\d|NaN)`, 'mi'));
  });

  it('/metrics and /health work in jwt mode too', async () => {
    const app = await node(testConfig({ AUTH_MODE: 'jwt' }));
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toMatchObject({ status: 'ok', mode: 'jwt', store: 'none' });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('authscale_live_sessions');
  });

  it('admin routes do not exist without ADMIN_TOKEN', async () => {
    const onCrash = vi.fn();
    const app = await node(testConfig(), { onCrash });
    const response = await app.inject({ method: 'POST', url: '/__admin/crash' });
    expect(response.statusCode).toBe(404);
    expect(onCrash).not.toHaveBeenCalled();
  });

  it('POST /__admin/crash: 403 without the right token, 202 then onCrash with it', async () => {
    const onCrash = vi.fn();
    const app = await node(testConfig({ ADMIN_TOKEN }), { onCrash });
    for (const headers of [{}, { 'x-admin-token': 'wrong' }, { 'x-admin-token': `${ADMIN_TOKEN}x` }]) {
      const denied = await app.inject({ method: 'POST', url: '/__admin/crash', headers });
      expect(denied.statusCode).toBe(403);
      expect(codeOf(denied)).toBe('ERR_FORBIDDEN');
    }
    const accepted = await app.inject({
      method: 'POST',
      url: '/__admin/crash',
      headers: { 'x-admin-token': ADMIN_TOKEN },
    });
    expect(accepted.statusCode).toBe(202);
    await vi.waitFor(() => expect(onCrash).toHaveBeenCalledTimes(1), { timeout: 2000 });
  });

  it('a URL that is not valid percent-encoding → 400 ERR_BAD_REQUEST JSON with x-node-id', async () => {
    const app = await node(testConfig({ NODE_ID: 'node-u' }));
    const response = await app.inject({ method: 'GET', url: '/api/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(codeOf(response)).toBe('ERR_BAD_REQUEST');
    expect(response.headers['x-node-id']).toBe('node-u');
  });

  it('oversized headers over real HTTP → 431 JSON with x-node-id, never a hang', async () => {
    const app = await node(testConfig({ NODE_ID: 'node-big' }));
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${address}/api/me`, { headers: { cookie: `sid=${'a'.repeat(40_000)}` } });
    expect(response.status).toBe(431);
    expect(response.headers.get('x-node-id')).toBe('node-big');
    expect(await response.json()).toMatchObject({ code: 'ERR_HEADERS_TOO_LARGE' });
  });

  it('unexpected errors become 500 ERR_INTERNAL without details', () => {
    const mapped = toHttpError(new Error('secret stack detail at /etc/passwd'));
    expect(mapped).toMatchObject({ status: 500, code: 'ERR_INTERNAL' });
    expect(mapped.message).not.toContain('passwd');
  });

  it('a route that throws a plain Error answers 500 ERR_INTERNAL JSON', async () => {
    const app = await node(testConfig());
    app.get('/boom', async () => {
      throw new Error('internal detail');
    });
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ code: 'ERR_INTERNAL', message: 'internal error' });
  });
});
