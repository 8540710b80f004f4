import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Balancer, buildBalancer } from '../../balancer/build-balancer.ts';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';

/** An app with no /health and no x-node-id: 404 on `/`, 200 on `/x`. */
async function plainApp(): Promise<{ server: Server; port: number; probes: () => number }> {
  const port = await freePort();
  let probes = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/x') probes++;
    res.writeHead(req.url === '/x' ? 200 : 404).end();
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return { server, port, probes: () => probes };
}

describe('our balancer in front of an app that does not know it', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function front(options: { healthPassBelow?: number; upstreamHeader?: string }) {
    const apps = [await plainApp(), await plainApp()];
    for (const app of apps) closers.push(() => new Promise((done) => app.server.close(() => done())));
    const port = await freePort();
    const balancer: Balancer = buildBalancer({
      host: '127.0.0.1',
      port,
      targets: apps.map((app) => `http://127.0.0.1:${app.port}`),
      strategy: 'round-robin',
      healthIntervalMs: 50,
      proxyTimeoutMs: 5000,
      healthPath: '/',
      ...options,
    });
    await new Promise<void>((done) => balancer.server.listen(port, '127.0.0.1', done));
    closers.unshift(() => balancer.close());
    return { balancer, url: `http://127.0.0.1:${port}`, ports: apps.map((app) => app.port), apps };
  }

  it('health on the app’s own path passing below 500, and a header naming the upstream that answered', async () => {
    const { balancer, url, ports } = await front({
      healthPassBelow: 500,
      upstreamHeader: 'x-authscale-upstream',
    });
    // Several probe rounds of 404s: with the pass rule below 500 every target stays up.
    await waitFor(() => balancer.stats().targets.every((t) => t.requests === 0) && Date.now(), {
      timeoutMs: 100,
    });
    await new Promise((done) => setTimeout(done, 300));
    expect(balancer.stats().targets.map((t) => t.up)).toEqual([true, true]);
    const named: string[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${url}/x`);
      expect(response.status).toBe(200);
      named.push(response.headers.get('x-authscale-upstream') ?? '');
    }
    expect(named.sort()).toEqual([...ports, ...ports].map((port) => `127.0.0.1:${port}`).sort());
  });

  it('by default a 404 health answer fails and no header is added', async () => {
    const { balancer, url } = await front({});
    await waitFor(() => balancer.stats().targets.every((t) => !t.up), {
      timeoutMs: 5000,
      what: 'targets down',
    });
    const response = await fetch(`${url}/x`);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-authscale-upstream')).toBeNull();
  });
});
