import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAffinity } from '../../balancer/strategies/sticky.ts';
import { waitFor } from '../../lib/wait-for.ts';
import {
  affinityCookie,
  type RunningBalancer,
  send,
  startBalancer,
  startUpstreams,
  type Upstream,
} from '../helpers/balancer.ts';

let upstreams: Upstream[] = [];
let lb: RunningBalancer | undefined;

beforeEach(async () => {
  upstreams = await startUpstreams(3);
});

afterEach(async () => {
  await lb?.close();
  lb = undefined;
  await Promise.all(upstreams.map((u) => u.kill()));
});

const targets = () => upstreams.map((u) => u.url);

async function nodeOf(url: string, options: Parameters<typeof send>[1] = {}): Promise<string> {
  const reply = await send(url, options);
  expect(reply.status).toBe(200);
  return String(reply.headers['x-node-id']);
}

describe('round-robin', () => {
  it('spreads requests evenly and passes x-node-id and x-forwarded-* through', async () => {
    lb = await startBalancer({ targets: targets(), healthIntervalMs: 60_000 });
    const counts = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      const node = await nodeOf(`${lb.url}/api/x?i=${i}`);
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
    expect([...counts.entries()].sort()).toEqual([
      ['node-1', 10],
      ['node-2', 10],
      ['node-3', 10],
    ]);
    const path = '/echo/a%2Fb/c%3F.json?q=1&r=%20x&q=2&z';
    const reply = await send(`${lb.url}${path}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    const body = reply.json<{ url: string; forwarded: Record<string, string> }>();
    // The request target reaches the upstream byte for byte.
    expect(body.url).toBe(path);
    // From an untrusted peer the client's X-Forwarded-For is replaced, not appended to.
    expect(body.forwarded).toEqual({
      for: '127.0.0.1',
      proto: 'http',
      host: `127.0.0.1:${lb.port}`,
      port: String(lb.port),
    });
  });

  it('skips a target that is down', async () => {
    lb = await startBalancer({ targets: targets() });
    upstreams[1]!.unhealthy = true;
    await waitFor(() => lb!.balancer.stats().targets[1]!.up === false, { what: 'node-2 down' });
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) seen.add(await nodeOf(`${lb.url}/`));
    expect([...seen].sort()).toEqual(['node-1', 'node-3']);
  });

  it('keeps upstream status codes and rejects absolute-form request targets', async () => {
    lb = await startBalancer({ targets: targets() });
    expect((await send(`${lb.url}/status/404`)).status).toBe(404);
    expect((await send(`${lb.url}/status/500`)).status).toBe(500);
    const stats = lb.balancer.stats();
    const sum = (k: '4xx' | '5xx') => stats.targets.reduce((n, t) => n + t.statusClasses[k], 0);
    expect(sum('4xx')).toBe(1);
    expect(sum('5xx')).toBe(1);
  });
});

describe('sticky', () => {
  it('pins a client with an HttpOnly lb cookie and keeps upstream cookies', async () => {
    lb = await startBalancer({ targets: targets(), strategy: 'sticky' });
    const first = await send(`${lb.url}/cookie`);
    const setCookie = first.headers['set-cookie'] ?? [];
    expect(setCookie).toContain('sid=abc; Path=/; HttpOnly');
    const lbCookie = setCookie.find((c) => c.startsWith('lb='));
    expect(lbCookie).toMatch(/^lb=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const pinned = String(first.headers['x-node-id']);
    const cookie = affinityCookie(first)!;
    for (let i = 0; i < 10; i++) {
      const reply = await send(`${lb.url}/api/me`, { headers: { cookie: `a=1; ${cookie}; b=2` } });
      expect(reply.headers['x-node-id']).toBe(pinned);
      // Already pinned: no new affinity cookie.
      expect(affinityCookie(reply)).toBeUndefined();
    }
    // Without the cookie, clients are spread like round-robin.
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) seen.add(await nodeOf(`${lb.url}/`));
    expect(seen.size).toBe(3);
  });

  it('re-pins to another target when the pinned one is down', async () => {
    lb = await startBalancer({ targets: targets(), strategy: 'sticky' });
    const first = await send(`${lb.url}/`);
    const pinned = String(first.headers['x-node-id']);
    const dead = upstreams.find((u) => u.id === pinned)!;
    await dead.kill();
    const moved = await send(`${lb.url}/`, { headers: { cookie: affinityCookie(first)! } });
    expect(moved.status).toBe(200);
    expect(moved.headers['x-node-id']).not.toBe(pinned);
    const newCookie = affinityCookie(moved);
    expect(newCookie).toBeDefined();
    expect(newCookie).not.toBe(affinityCookie(first));
    for (let i = 0; i < 5; i++) {
      const again = await send(`${lb.url}/`, { headers: { cookie: newCookie! } });
      expect(again.headers['x-node-id']).toBe(moved.headers['x-node-id']);
    }
  });

  it('reads only a whole lb cookie pair', () => {
    expect(readAffinity('lb=abc')).toBe('abc');
    expect(readAffinity('x=1; lb=abc; y=2')).toBe('abc');
    expect(readAffinity('xlb=zzz; lb=abc')).toBe('abc');
    expect(readAffinity('xlb=zzz')).toBeUndefined();
    expect(readAffinity(undefined)).toBeUndefined();
  });
});

describe('ip-hash', () => {
  it('pins each client address and spreads different addresses', async () => {
    lb = await startBalancer({ targets: targets(), strategy: 'ip-hash' });
    const byAddress = new Map<string, string>();
    for (let a = 2; a <= 13; a++) {
      const localAddress = `127.0.0.${a}`;
      const nodes = new Set<string>();
      for (let i = 0; i < 4; i++) nodes.add(await nodeOf(`${lb.url}/`, { localAddress }));
      expect(nodes.size).toBe(1);
      byAddress.set(localAddress, [...nodes][0]!);
    }
    expect(new Set(byAddress.values()).size).toBeGreaterThan(1);
    // A down target's clients fall through to another up target.
    const [address, node] = [...byAddress.entries()][0]!;
    await upstreams.find((u) => u.id === node)!.kill();
    const moved = await nodeOf(`${lb.url}/`, { localAddress: address });
    expect(moved).not.toBe(node);
    expect(await nodeOf(`${lb.url}/`, { localAddress: address })).toBe(moved);
  });
});
