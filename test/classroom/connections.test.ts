import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFailureRate } from '../../classroom/monitor.ts';
import { BackgroundTraffic, USERS } from '../../classroom/traffic.ts';
import { type Balancer, type Cluster, startCluster } from '../../cluster/start-cluster.ts';
import { waitFor } from '../../lib/wait-for.ts';
import type { Reply } from '../../scenarios/client/http.ts';

/**
 * The console's background users each keep their own keep-alive connection (like browser tabs):
 * behind the `connection` strategy they stay on one node (0 failures) until `reconnect()`; then
 * each user's first request on its new connection misses with probability (N-1)/N. Real nodes and
 * balancers; a plain TCP relay in front of the balancer counts the users' connections, so a leak
 * (a connection left open after a reset or stop) shows up as a number.
 */
const NODES = 3;
let cluster: Cluster;
let relay: Relay;
const extra: Balancer[] = [];

interface Relay {
  url: string;
  accepted: number;
  open: Set<Socket>;
  close(): Promise<void>;
}

/** Byte-for-byte TCP relay to `port`: one upstream connection per client connection. */
async function startRelay(port: number): Promise<Relay> {
  const open = new Set<Socket>();
  const relay = { accepted: 0, open } as Relay;
  const server: Server = createServer((client) => {
    relay.accepted++;
    open.add(client);
    const upstream = tcpConnect(port, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const end = () => {
      open.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  relay.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  relay.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      server.close(() => resolve());
    });
  return relay;
}

class Recorder {
  me: Reply[] = [];
  logins = 0;
  first: Reply[] = [];
  listener = {
    me: (reply: Reply) => void this.me.push(reply),
    login: () => void this.logins++,
    credential: () => undefined,
    firstOnConnection: (reply: Reply) => void this.first.push(reply),
  };
  failures(from = 0): number {
    return this.me.slice(from).filter((r) => r.status !== 200).length;
  }
}

beforeAll(async () => {
  cluster = await startCluster({
    mode: 'memory',
    nodes: NODES,
    strategy: 'connection',
    healthInterval: '250ms',
    balancerEnv: { KEEP_ALIVE_TIMEOUT: '120s' },
  });
  relay = await startRelay(Number(new URL(cluster.url).port));
}, 120_000);

afterAll(async () => {
  await relay?.close();
  await Promise.all(extra.map((b) => b.close()));
  await cluster?.close();
});

/** Runs `traffic` until `done` holds, then stops it (always). */
async function runUntil(traffic: BackgroundTraffic, done: () => boolean, what: string): Promise<void> {
  traffic.start();
  await waitFor(done, { timeoutMs: 60_000, intervalMs: 50, what });
}

describe('background traffic: one keep-alive connection per virtual user', () => {
  it('behind `connection`: 0 failures while kept; a reconnect brings a burst of first-request misses, then 0', async () => {
    const rec = new Recorder();
    const traffic = new BackgroundTraffic(relay.url, 'memory', rec.listener, 80);
    try {
      await runUntil(
        traffic,
        () => rec.logins >= USERS && rec.me.length >= 240,
        'every user logged in and 240 requests',
      );
      // One connection per user, all still open, and no user ever met a node without its session.
      expect(relay.accepted).toBe(USERS);
      expect(traffic.connections()).toEqual({ open: USERS, established: USERS });
      expect(rec.failures()).toBe(0);
      expect(rec.first).toEqual([]);

      const before = rec.me.length;
      traffic.reconnect();
      await waitFor(() => rec.first.length >= USERS - 2 && rec.me.length >= before + 240, {
        timeoutMs: 60_000,
        what: 'most users on a new connection, and 240 more requests',
      });
      const missed = rec.first.filter((r) => r.status === 401).length;
      // Expected (N-1)/N of 24 = 16; the rotation of new connections is not random, so loosely.
      expect(missed).toBeGreaterThanOrEqual(6);
      expect(missed).toBeLessThanOrEqual(rec.first.length);
      // Every failure is such a first request: after its re-login the user is fine again.
      expect(rec.failures(before)).toBe(missed);
      expect(rec.first.every((r) => r.status === 200 || r.code === 'ERR_SESSION_UNKNOWN')).toBe(true);
      // The old connections are closed, not leaked.
      await waitFor(() => relay.open.size <= USERS, { timeoutMs: 10_000, what: 'old connections closed' });
    } finally {
      await traffic.stop();
    }
    await waitFor(() => relay.open.size === 0, {
      timeoutMs: 10_000,
      what: 'every connection closed on stop',
    });
  }, 180_000);

  it('re-opening every k requests fails near m / (k - m), and new users close the old connections', async () => {
    const rec = new Recorder();
    const traffic = new BackgroundTraffic(relay.url, 'memory', rec.listener, 80);
    try {
      traffic.setReconnectEvery(4);
      await runUntil(traffic, () => rec.me.length >= 600, '600 requests');
      const rate = rec.failures() / rec.me.length;
      const expected = expectedFailureRate(
        { mode: 'memory', strategy: 'connection', nodes: NODES },
        NODES,
        false,
        4,
      )!;
      expect(expected).toBeCloseTo(0.2);
      expect(rate).toBeGreaterThan(expected / 2);
      expect(rate).toBeLessThan(expected * 2);

      const accepted = relay.accepted;
      traffic.resetUsers('memory');
      await waitFor(() => relay.accepted >= accepted + USERS && relay.open.size <= USERS, {
        timeoutMs: 30_000,
        what: 'new users on new connections, the old ones closed',
      });
    } finally {
      await traffic.stop();
    }
    await waitFor(() => relay.open.size === 0, {
      timeoutMs: 10_000,
      what: 'every connection closed on stop',
    });
  }, 180_000);

  it('per-request strategies are unchanged: round-robin fails about (N-1)/N, sticky 0', async () => {
    const indexes = Array.from({ length: NODES }, (_, i) => i);
    for (const [strategy, low, high] of [
      ['round-robin', 0.5, 0.8],
      ['sticky', 0, 0],
    ] as const) {
      const balancer = await cluster.startBalancer(indexes, strategy);
      extra.push(balancer);
      const rec = new Recorder();
      const traffic = new BackgroundTraffic(balancer.url, 'memory', rec.listener, 80);
      try {
        await runUntil(traffic, () => rec.me.length >= 300, `300 requests through ${strategy}`);
      } finally {
        await traffic.stop();
      }
      const rate = rec.failures() / rec.me.length;
      expect(rate, strategy).toBeGreaterThanOrEqual(low);
      expect(rate, strategy).toBeLessThanOrEqual(high);
    }
  }, 180_000);
});
