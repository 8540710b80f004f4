import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { isAdminPath } from '../../balancer/admin-path.ts';
import { parseTrustList } from '../../balancer/trust-proxy.ts';
import { waitFor } from '../../lib/wait-for.ts';
import {
  type RawClient,
  type RunningBalancer,
  rawClient,
  send,
  startBalancer,
  startUpstreams,
  type Upstream,
} from '../helpers/balancer.ts';

/** Issue 10's balancer findings, re-run with real sockets on loopback. */
let upstreams: Upstream[] = [];
let lb: RunningBalancer | undefined;
const raws: RawClient[] = [];

afterEach(async () => {
  for (const raw of raws.splice(0)) raw.socket.destroy();
  await lb?.close();
  lb = undefined;
  await Promise.all(upstreams.map((u) => u.kill()));
  upstreams = [];
});

async function raw(request: string, localAddress?: string): Promise<RawClient> {
  const client = await rawClient(lb!.port, request, localAddress);
  raws.push(client);
  return client;
}

const upstreamSockets = () => lb!.balancer.targets.reduce((n, t) => n + t.pool.stats.connected, 0);

interface Echo {
  url: string;
  headers: Record<string, string>;
  forwarded: Record<string, string>;
}

describe('TRUST_PROXY and forwarded headers', () => {
  const spoof = {
    'x-forwarded-for': '203.0.113.9',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'app.example',
    'x-forwarded-port': '443',
    forwarded: 'for=203.0.113.9;proto=https',
  };

  it('keeps X-Forwarded-* from a listed proxy and appends the peer; overwrites them from anyone else', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url], trustProxy: ['127.0.0.2', '10.0.0.0/8'] });
    const trusted = (await send(`${lb.url}/`, { headers: spoof, localAddress: '127.0.0.2' })).json<Echo>();
    expect(trusted.forwarded).toEqual({
      for: '203.0.113.9, 127.0.0.2',
      proto: 'https',
      host: 'app.example',
      port: '443',
    });
    expect(trusted.headers.forwarded).toBe(spoof.forwarded);

    const other = (await send(`${lb.url}/`, { headers: spoof, localAddress: '127.0.0.3' })).json<Echo>();
    expect(other.forwarded).toEqual({
      for: '127.0.0.3',
      proto: 'http',
      host: `127.0.0.1:${lb.port}`,
      port: String(lb.port),
    });
    expect(other.headers.forwarded).toBeUndefined();
  });

  it('parses addresses and CIDRs, IPv4-mapped peers included, and names TRUST_PROXY on bad input', () => {
    const list = parseTrustList('127.0.0.2, 10.0.0.0/8, ::1, fd00::/8');
    expect(
      ['127.0.0.2', '::ffff:127.0.0.2', '10.9.8.7', '::1', 'fd12::1'].map((a) => list.trusts(a)),
    ).toEqual([true, true, true, true, true]);
    expect(['127.0.0.3', '11.0.0.1', 'fe80::1', undefined].map((a) => list.trusts(a))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(() => parseTrustList('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustList('example.com')).toThrow(/TRUST_PROXY/);
  });

  it('drops hop-by-hop headers, including those a client names in Connection', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url] });
    const echo = (
      await send(`${lb.url}/`, {
        headers: {
          connection: 'keep-alive, x-hop',
          'x-hop': 'secret',
          'keep-alive': 'timeout=99',
          'x-kept': '1',
        },
      })
    ).json<Echo>();
    expect(echo.headers['x-hop']).toBeUndefined();
    expect(echo.headers['keep-alive']).toBeUndefined();
    expect(echo.headers['x-kept']).toBe('1');
  });
});

describe('paths and admin routes', () => {
  it('forwards the request target byte for byte (no // collapsing, no decoding)', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url] });
    for (const path of ['//a//b/./c/%2e%2e/d?x=//y&z=%2F', '/api//me', '/%7Euser/%41%20b']) {
      const client = await raw(`GET ${path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
      await client.closed;
      expect(client.status()).toBe(200);
      expect(client.json<Echo>().url).toBe(path);
    }
  });

  it('refuses /__admin/* in any spelling with 403 ERR_FORBIDDEN; the node never sees it', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url] });
    const spellings = [
      '/__admin/crash',
      '//__admin//crash',
      '/%5F_admin/crash',
      '/%5f%5fadmin/crash',
      '/__ADMIN/crash',
      '/__Admin/Crash?x=1',
      '/x/../__admin/crash',
      '/./__admin/crash',
      '/%255F_admin/crash',
      '/%2E%2E/__admin/crash',
      '/\\__admin/crash',
      '/__admin%2Fcrash',
      '/__admin',
    ];
    for (const path of spellings) {
      const client = await raw(
        `POST ${path} HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      await client.closed;
      expect([path, client.status()]).toEqual([path, 403]);
      expect(client.json()).toMatchObject({ code: 'ERR_FORBIDDEN' });
    }
    expect(upstreams[0]!.requests()).toBe(0);
    expect(lb.balancer.stats().adminRefused).toBe(spellings.length);
    // Look-alikes that are not the admin route still pass.
    for (const path of ['/api/admin', '/admin/__admin', '/x__admin']) {
      expect((await send(`${lb.url}${path}`)).status).toBe(200);
    }
  });

  it('forwards /__admin/* verbatim with ADMIN_PASSTHROUGH', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url], adminPassthrough: true });
    const client = await raw(
      'POST //__admin//crash HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    await client.closed;
    expect(client.status()).toBe(200);
    expect(client.json<Echo>().url).toBe('//__admin//crash');
  });

  it('normalises only for the check', () => {
    expect(isAdminPath('/api/me')).toBe(false);
    expect(isAdminPath('/%41PI/me')).toBe(false);
    expect(isAdminPath('/%5F%5FAdMiN/x')).toBe(true);
  });
});

describe('request bodies', () => {
  it('forwards small (buffered), large (streamed) and chunked bodies intact, and large responses', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url] });
    for (const size of [1, 1000, 300 * 1024]) {
      const body = Buffer.alloc(size, 'a').toString();
      const reply = await send(`${lb.url}/echo-body`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/plain' },
      });
      expect(reply.json()).toEqual({ length: size, sha256: createHash('sha256').update(body).digest('hex') });
    }
    const chunked = await new Promise<string>((resolve, reject) => {
      const req = request(`${lb!.url}/echo-body`, { method: 'PUT', agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.once('end', () => resolve(text));
      });
      req.once('error', reject);
      for (let i = 0; i < 5; i++) req.write('chunk-');
      req.end();
    });
    expect(JSON.parse(chunked)).toMatchObject({ length: 30 });
    const big = await send(`${lb.url}/big/${3 * 1024 * 1024}`);
    expect(big.body.length).toBe(3 * 1024 * 1024);
    const head = await send(`${lb.url}/big/1000`, { method: 'HEAD' });
    expect([head.status, head.headers['content-length'], head.body]).toEqual([200, '1000', '']);
  });
});

describe('slow clients', () => {
  it('answers 408 ERR_REQUEST_TIMEOUT to a client that does not finish its request head', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url], headersTimeoutMs: 400, bodyTimeoutMs: 400 });
    const started = Date.now();
    const client = await raw('GET / HTTP/1.1\r\nHost: t\r\n');
    await client.closed;
    // Far below Node's own 60 s default; generous for a loaded shared machine.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(client.status()).toBe(408);
    expect(client.json()).toMatchObject({ code: 'ERR_REQUEST_TIMEOUT' });
  });

  it('cuts a slow-body client off within BODY_TIMEOUT without holding an upstream socket', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url], healthIntervalMs: 60_000, bodyTimeoutMs: 600 });
    const client = await raw('POST /echo-body HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc');
    const started = Date.now();
    const trickle = setInterval(() => client.socket.write('x'), 100);
    try {
      while (client.status() === undefined && Date.now() - started < 5000) {
        // A small body is read before any upstream connection is taken.
        expect(upstreamSockets()).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      clearInterval(trickle);
    }
    const took = Date.now() - started;
    expect(client.status()).toBe(408);
    expect(took).toBeGreaterThanOrEqual(550);
    expect(took).toBeLessThan(5000);
    expect(client.json()).toMatchObject({ code: 'ERR_REQUEST_TIMEOUT' });
    await client.closed;
    expect(upstreams[0]!.requests()).toBe(0);
    expect(lb.balancer.stats().bodyTimeouts).toBe(1);
  });

  it('releases the upstream socket of a large streamed body that stalls', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url], healthIntervalMs: 60_000, bodyTimeoutMs: 800 });
    const client = await raw('POST /hang HTTP/1.1\r\nHost: t\r\nContent-Length: 500000\r\n\r\n');
    client.socket.write(Buffer.alloc(100 * 1024, 'y'));
    // Past the buffer limit the body streams, so an upstream connection is in use...
    await waitFor(() => upstreams[0]!.pending() === 1, { what: 'streamed request at the upstream' });
    await waitFor(() => client.status() !== undefined, { what: 'an answer', timeoutMs: 5000 });
    expect(client.status()).toBe(408);
    // ...until the deadline, then the upstream request is cancelled and its connection closed.
    const pool = lb.balancer.targets[0]!.pool;
    await waitFor(
      () => upstreams[0]!.pending() === 0 && pool.stats.running === 0 && pool.stats.pending === 0,
      {
        what: 'upstream request and socket released',
      },
    );
  });

  it('caps connections per client address with 429 ERR_TOO_MANY_CONNECTIONS', async () => {
    upstreams = await startUpstreams(1);
    lb = await startBalancer({ targets: [upstreams[0]!.url], maxConnectionsPerClient: 2 });
    const [a, b] = [await raw('', '127.0.0.2'), await raw('', '127.0.0.2')];
    const c = await raw('GET / HTTP/1.1\r\nHost: t\r\n\r\n', '127.0.0.2');
    await c.closed;
    expect(c.status()).toBe(429);
    expect(c.json()).toMatchObject({ code: 'ERR_TOO_MANY_CONNECTIONS' });
    // Another address is not affected; a freed slot can be used again.
    expect((await send(`${lb.url}/`, { localAddress: '127.0.0.3' })).status).toBe(200);
    a.socket.destroy();
    await a.closed;
    await waitFor(async () => (await send(`${lb!.url}/`, { localAddress: '127.0.0.2' })).status === 200, {
      what: 'slot freed',
    });
    b.socket.destroy();
    expect(lb.balancer.stats().overConnectionCap).toBeGreaterThanOrEqual(1);
  });

  it('200 trickling clients neither hold upstream sockets nor block a normal request', async () => {
    upstreams = await startUpstreams(2);
    lb = await startBalancer({
      targets: upstreams.map((u) => u.url),
      healthIntervalMs: 60_000,
      bodyTimeoutMs: 30_000,
      maxConnectionsPerClient: 50,
    });
    const slow = await Promise.all(
      Array.from({ length: 200 }, () =>
        raw('POST /echo-body HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\nab', '127.0.0.2'),
      ),
    );
    const trickle = setInterval(() => {
      for (const client of slow) if (!client.socket.destroyed) client.socket.write('z');
    }, 200);
    try {
      // Beyond the cap of 50, the others are answered 429 and closed.
      await waitFor(() => slow.filter((c) => c.status() === 429).length === 150, {
        timeoutMs: 30_000,
        what: '150 × 429',
      });
      const started = Date.now();
      const reply = await send(`${lb.url}/api/me`, { localAddress: '127.0.0.3' });
      expect(reply.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(slow.filter((c) => c.status() === undefined)).toHaveLength(50);
      // The only upstream connection is the normal request's (kept alive in the pool).
      expect(upstreamSockets()).toBeLessThanOrEqual(1);
      expect(upstreams.reduce((n, u) => n + u.requests(), 0)).toBe(1);
    } finally {
      clearInterval(trickle);
    }
  });
});
