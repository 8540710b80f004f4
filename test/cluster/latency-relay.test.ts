import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer, type Server } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LatencyRelay, startLatencyRelay } from '../../cluster/latency-relay.ts';
import { isAlive, livePids } from '../../cluster/processes.ts';
import { measureRtt, REDIS_PING } from '../../cluster/rtt-probe.ts';
import { startCluster } from '../../cluster/start-cluster.ts';
import { type RedisServer, redisServerPath, startRedisServer } from '../../lib/redis-server.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { parseCommand, UsageError } from '../../scenarios/cli/args.ts';
import { contextFromCluster } from '../../scenarios/core/context.ts';
import { runDemo } from '../../scenarios/core/demo.ts';
import * as relogin from '../../scenarios/relogin/run.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** An echo server on loopback: every byte comes straight back. */
function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.pipe(socket));
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done({ server, port: typeof address === 'object' && address ? address.port : 0 });
    }),
  );
}

describe('latency relay (user-space, loopback only)', () => {
  let echo: { server: Server; port: number };
  const relays: LatencyRelay[] = [];
  beforeAll(async () => {
    echo = await echoServer();
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.close()));
  });
  afterAll(() => new Promise<void>((done) => echo.server.close(() => done())));

  it('adds at least the configured RTT to every exchange (the measured median is reported)', async () => {
    const direct = await measureRtt(echo.port, REDIS_PING, 9);
    const relay = await startLatencyRelay({ target: { host: '127.0.0.1', port: echo.port }, rttMs: 20 });
    relays.push(relay);
    const through = await measureRtt(relay.port, REDIS_PING, 9);
    // A chunk is held 10 ms each way: no exchange can be faster than 20 ms (timers never fire early
    // by more than their 1 ms resolution); slower is this machine's load, shown as measured.
    expect(through.minMs).toBeGreaterThanOrEqual(19);
    expect(through.medianMs).toBeGreaterThan(direct.medianMs);
  });

  it('keeps the order of a direction under jitter, and passes every byte', async () => {
    const relay = await startLatencyRelay({
      target: { host: '127.0.0.1', port: echo.port },
      rttMs: 4,
      jitterMs: 3,
    });
    relays.push(relay);
    const socket = connect({ port: relay.port, host: '127.0.0.1' });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    await new Promise((done) => socket.once('connect', done));
    const sent = Array.from({ length: 200 }, (_, i) => `${i};`);
    for (const piece of sent) {
      socket.write(piece);
      await new Promise((done) => setImmediate(done)); // separate chunks, so jitter could reorder them
    }
    const expected = sent.join('');
    await waitFor(() => received.length >= expected.length, { timeoutMs: 10_000, what: 'every byte back' });
    socket.destroy();
    expect(received).toBe(expected);
  });

  it('closing the relay closes its connections', async () => {
    const relay = await startLatencyRelay({ target: { host: '127.0.0.1', port: echo.port }, rttMs: 2 });
    const socket = connect({ port: relay.port, host: '127.0.0.1' });
    socket.on('error', () => {});
    await new Promise((done) => socket.once('connect', done));
    await waitFor(() => relay.connections() === 2, { timeoutMs: 5000, what: 'client and upstream sockets' });
    const closed = new Promise((done) => socket.once('close', done));
    await relay.close();
    await closed;
    expect(relay.connections()).toBe(0);
  });
});

describe.skipIf(!redisServerPath())('relay process in front of a real redis-server', () => {
  let redis: RedisServer;
  let relay: ChildProcess | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    if (relay?.pid && isAlive(relay.pid)) relay.kill('SIGKILL');
    await redis?.stop(true);
  });

  it('runs as its own process (its CPU is not the node’s), answers PING ~RTT later, exits 2 on bad input', async () => {
    relay = spawn(
      process.execPath,
      ['--import', 'tsx', 'cluster/relay-main.ts', '--target', `127.0.0.1:${redis.port}`, '--rtt', '10ms'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    relay.stdout?.on('data', (chunk) => (output += chunk));
    await waitFor(() => /relay listening on \d+/.test(output), {
      timeoutMs: 30_000,
      what: 'the relay to listen',
    });
    const port = Number(/relay listening on (\d+)/.exec(output)![1]);
    const rtt = await measureRtt(port, REDIS_PING, 7);
    expect(rtt.minMs).toBeGreaterThanOrEqual(9);
    const exited = new Promise<number | null>((done) => relay!.once('exit', (code) => done(code)));
    relay.kill('SIGTERM');
    expect(await exited).toBe(0);

    const bad = spawn(process.execPath, ['--import', 'tsx', 'cluster/relay-main.ts', '--target', 'nowhere'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    bad.stderr?.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => bad.once('exit', (c) => done(c)));
    expect(code).toBe(2);
    expect(stderr).toContain('--target: expected host:port');
  }, 60_000);
});

describe.skipIf(!redisServerPath())('a cluster on a shaped network (store 2 ms, client 20 ms)', () => {
  it('runs every hop through its relay, measures each link against its setting, and stops the relays', async () => {
    const cluster = await startCluster({
      mode: 'redis',
      nodes: 2,
      redisUrl: '',
      network: { storeRttMs: 2, clientRttMs: 20 },
    });
    const pids = cluster.pids();
    try {
      expect(pids).toHaveLength(2 + 1 + 1 + 2); // nodes, balancer, redis-server, two relays
      const { store, client } = cluster.network.links!;
      expect(cluster.network.kind).toBe('shaped');
      expect(store!.configuredRttMs).toBe(2);
      expect(client!.configuredRttMs).toBe(20);
      // Measured through the relays: never below the setting (slower is the machine's load).
      expect(store!.measuredRangeMs[0]).toBeGreaterThanOrEqual(1.5);
      expect(client!.measuredRangeMs[0]).toBeGreaterThanOrEqual(19);
      // Measured again on demand (the demo does so before its load rounds): new figures, same rules.
      await cluster.measureNetwork!();
      const again = cluster.network.links!;
      expect(again.store).not.toBe(store);
      expect(again.client).not.toBe(client);
      expect(again.store!.measuredRangeMs[0]).toBeGreaterThanOrEqual(1.5);
      expect(again.client!.measuredRangeMs[0]).toBeGreaterThanOrEqual(19);
      const result = await relogin.run(contextFromCluster(cluster), {
        users: 4,
        requests: 3,
        durationSeconds: 2,
        quick: true,
      });
      expect(result.failures).toBe(0);
    } finally {
      await cluster.close();
    }
    await waitFor(() => pids.every((pid) => !isAlive(pid)), {
      timeoutMs: 10_000,
      what: 'every process to exit',
    });
  }, 120_000);
});

describe.skipIf(!redisServerPath())('a shaped network with a store that announces its own addresses', () => {
  it('is refused with the reason, and leaves nothing running', async () => {
    await expect(
      startCluster({
        mode: 'redis',
        nodes: 1,
        redis: 'sentinel',
        redisUrl: '',
        network: { storeRttMs: 1, clientRttMs: 5 },
      }),
    ).rejects.toThrow(/a shaped network needs the single local Redis/);
    expect(livePids()).toEqual([]);
  }, 60_000);
});

describe('--network flags', () => {
  it('shaped takes the two RTTs (defaults 1 ms and 20 ms); bad values and RTTs without shaped are usage errors', () => {
    expect(parseCommand(['demo', '--network', 'shaped'])).toMatchObject({
      flags: { network: { storeRttMs: 1, clientRttMs: 20 } },
    });
    expect(
      parseCommand(['demo', '--network', 'shaped', '--store-rtt', '2ms', '--client-rtt', '0.05s']),
    ).toMatchObject({ flags: { network: { storeRttMs: 2, clientRttMs: 50 } } });
    expect((parseCommand(['demo']) as { flags: object }).flags).not.toHaveProperty('network');
    expect(() => parseCommand(['demo', '--network', 'netem'])).toThrow(UsageError);
    expect(() => parseCommand(['demo', '--network', 'shaped', '--client-rtt', 'far'])).toThrow(
      /--client-rtt/,
    );
    expect(() => parseCommand(['demo', '--store-rtt', '1ms'])).toThrow(/--network shaped/);
  });
});

describe.skipIf(!redisServerPath())('report.json network on a shaped demo run', () => {
  it('records kind and each link’s configured and measured RTT', async () => {
    // With load: its links are measured again just before the rounds (the figures reported).
    const report = await runDemo({
      modes: ['redis'],
      scenarios: ['relogin', 'load'],
      quick: true,
      users: 3,
      requests: 2,
      durationSeconds: 1,
      loadRounds: 1,
      redisUrl: '',
      network: { storeRttMs: 1, clientRttMs: 10 },
    });
    expect(report.results[0]!.scenarios.relogin).toMatchObject({ failures: 0 });
    expect(report.results[0]!.scenarios.load).toMatchObject({ rounds: [{ round: 1 }] });
    expect(report.network?.kind).toBe('shaped');
    const links = report.network!.links!;
    expect(links.store).toMatchObject({ configuredRttMs: 1 });
    expect(links.client).toMatchObject({ configuredRttMs: 10 });
    expect(links.client!.measuredRttMs).toBeGreaterThanOrEqual(10);
    expect(JSON.parse(JSON.stringify(report)).network.links.store.measuredRttMs).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
