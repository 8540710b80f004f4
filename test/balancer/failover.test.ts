import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';
import {
  type RunningBalancer,
  send,
  startBalancer,
  startUpstreams,
  type Upstream,
} from '../helpers/balancer.ts';

let upstreams: Upstream[] = [];
let lb: RunningBalancer | undefined;

afterEach(async () => {
  await lb?.close();
  lb = undefined;
  await Promise.all(upstreams.map((u) => u.kill()));
  upstreams = [];
});

describe('health and failover', () => {
  it('ejects a killed target within two health intervals while GETs keep succeeding', async () => {
    upstreams = await startUpstreams(3);
    const interval = 250;
    lb = await startBalancer({ targets: upstreams.map((u) => u.url), healthIntervalMs: interval });
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      // Warm the balancer's pools so the kill also breaks reused keep-alive sockets.
      for (let i = 0; i < 9; i++) expect((await send(`${lb.url}/`, { agent })).status).toBe(200);
      const killedAt = Date.now();
      await upstreams[2]!.kill();
      // No traffic: only the active checks can notice.
      await waitFor(() => lb!.balancer.stats().targets[2]!.up === false, { timeoutMs: 5000, what: 'down' });
      const tookMs = Date.now() - killedAt;
      // Two intervals plus probe time; generous for a shared 2-core machine.
      expect(tookMs).toBeLessThan(2 * interval + 1500);
      const replies = await Promise.all(Array.from({ length: 60 }, () => send(`${lb!.url}/`, { agent })));
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
      expect(new Set(replies.map((r) => r.headers['x-node-id']))).toEqual(new Set(['node-1', 'node-2']));
      // Revived: back after two passing checks.
      await upstreams[2]!.revive();
      await waitFor(() => lb!.balancer.stats().targets[2]!.up, { timeoutMs: 5000, what: 'up again' });
    } finally {
      agent.destroy();
    }
  });

  it('ejects on connection refused and retries a GET once on the next target, never a POST', async () => {
    upstreams = await startUpstreams(2);
    const deadPort = await freePort();
    // Long interval: the dead target stays "up" until traffic finds out (passive ejection).
    lb = await startBalancer({
      targets: [`http://127.0.0.1:${deadPort}`, ...upstreams.map((u) => u.url)],
      healthIntervalMs: 60_000,
    });
    const get = await send(`${lb.url}/`);
    expect(get.status).toBe(200);
    let stats = lb.balancer.stats();
    expect(stats.retries).toBe(1);
    expect(stats.targets[0]).toMatchObject({ up: false, ejections: 1, errors: 1 });

    const lb2 = await startBalancer({
      targets: [`http://127.0.0.1:${deadPort}`, ...upstreams.map((u) => u.url)],
      healthIntervalMs: 60_000,
    });
    try {
      const post = await send(`${lb2.url}/auth/login`, { method: 'POST', body: '{}' });
      expect(post.status).toBe(502);
      expect(post.json()).toMatchObject({ code: 'ERR_UPSTREAM_UNAVAILABLE' });
      stats = lb2.balancer.stats();
      expect(stats.retries).toBe(0);
      expect(stats.targets[0]).toMatchObject({ up: false, ejections: 1 });
      // Next POST goes to a live target.
      expect((await send(`${lb2.url}/auth/login`, { method: 'POST', body: '{}' })).status).toBe(200);
    } finally {
      await lb2.close();
    }
  });

  it('retries a GET only once, and HEAD like GET', async () => {
    upstreams = await startUpstreams(1);
    const [dead1, dead2] = await Promise.all([freePort(), freePort()]);
    const config = {
      targets: [`http://127.0.0.1:${dead1}`, `http://127.0.0.1:${dead2}`, upstreams[0]!.url],
      healthIntervalMs: 60_000,
    };
    lb = await startBalancer(config);
    const get = await send(`${lb.url}/`);
    expect(get.status).toBe(502);
    expect(get.json()).toMatchObject({ code: 'ERR_UPSTREAM_UNAVAILABLE' });
    expect(lb.balancer.stats()).toMatchObject({ retries: 1 });
    expect(lb.balancer.stats().targets.map((t) => t.up)).toEqual([false, false, true]);
    await lb.close();
    lb = await startBalancer(config);
    const head = await send(`${lb.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(502);
    expect(lb.balancer.stats()).toMatchObject({ retries: 1 });
  });

  it('cuts the client connection when an upstream dies mid-response (no 502 after headers)', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url], healthIntervalMs: 60_000 });
    await expect(send(`${lb.url}/partial`)).rejects.toThrow();
    expect(lb.balancer.stats().targets[0]!.errors).toBe(1);
    expect(lb.balancer.stats().retries).toBe(0);
  });

  it('answers 503 ERR_NO_HEALTHY_UPSTREAM immediately when every target is down', async () => {
    upstreams = await startUpstreams(2);
    lb = await startBalancer({ targets: upstreams.map((u) => u.url), healthIntervalMs: 200 });
    await Promise.all(upstreams.map((u) => u.kill()));
    await waitFor(() => lb!.balancer.stats().targets.every((t) => !t.up), {
      timeoutMs: 5000,
      what: 'all down',
    });
    const started = Date.now();
    const reply = await send(`${lb.url}/api/me`);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(reply.status).toBe(503);
    expect(reply.json()).toMatchObject({ code: 'ERR_NO_HEALTHY_UPSTREAM' });
    expect(lb.balancer.stats().noHealthyUpstream).toBe(1);
  });

  it('answers 504 ERR_UPSTREAM_TIMEOUT when a target is silent past the proxy timeout', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url], proxyTimeoutMs: 500 });
    const started = Date.now();
    const reply = await send(`${lb.url}/hang`);
    const took = Date.now() - started;
    expect(reply.status).toBe(504);
    expect(reply.json()).toMatchObject({ code: 'ERR_UPSTREAM_TIMEOUT' });
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(5000);
    // Slow is not dead: no ejection, and the upstream request was cancelled.
    expect(lb.balancer.stats().targets[0]).toMatchObject({ up: true, ejections: 0, timeouts: 1 });
    await waitFor(() => upstreams[0]!.pending() === 0, { what: 'upstream request cancelled' });
    expect((await send(`${lb.url}/`)).status).toBe(200);
  });

  it('leaves no upstream sockets behind when clients abort', async () => {
    upstreams = await startUpstreams(2);
    lb = await startBalancer({ targets: upstreams.map((u) => u.url) });
    const n = 40;
    const clients = Array.from({ length: n }, (_, i) => {
      const req = request(`${lb!.url}/hang?i=${i}`, { agent: false });
      req.on('error', () => {});
      req.end();
      return req;
    });
    const pending = () => upstreams.reduce((sum, u) => sum + u.pending(), 0);
    await waitFor(() => pending() === n, { what: `${n} requests at the upstreams` });
    for (const req of clients) req.destroy();
    const upstreamSockets = () => lb!.balancer.targets.reduce((sum, t) => sum + t.pool.stats.connected, 0);
    await waitFor(() => pending() === 0 && upstreamSockets() === 0, {
      timeoutMs: 5000,
      what: 'upstream requests and sockets released',
    });
    await waitFor(() => upstreams.every((u) => u.connections() === 0), {
      what: 'upstream connections closed',
    });
    const aborts = lb.balancer.stats().targets.reduce((sum, t) => sum + t.aborts, 0);
    expect(aborts).toBe(n);
    // Still serving afterwards.
    expect((await send(`${lb.url}/`)).status).toBe(200);
  });
});
