import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLatencyRelay } from '../../cluster/latency-relay.ts';
import { isAlive } from '../../cluster/processes.ts';
import { measureRtt, REDIS_PING } from '../../cluster/rtt-probe.ts';
import { type Cluster, startCluster } from '../../cluster/start-cluster.ts';
import { redisServerPath } from '../../lib/redis-server.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { parseCommand, UsageError } from '../../scenarios/cli/args.ts';
import { runScenariosCli } from '../../scenarios/cli/run-cli.ts';
import { contextFromCluster } from '../../scenarios/core/context.ts';
import { isSkipped, type NodeFailureResult, type StoreFailureResult } from '../../scenarios/core/types.ts';
import * as nodeFailure from '../../scenarios/node-failure/run.ts';
import * as storeFailure from '../../scenarios/store-failure/run.ts';

/** The node's Redis command timeout: a partitioned store cannot fail a request faster. */
const COMMAND_TIMEOUT_MS = 500;

function ok<T>(value: T | { skipped: true; reason: string }): T {
  if (isSkipped(value)) throw new Error(`skipped: ${value.reason}`);
  return value;
}

function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.pipe(socket));
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done({ server, port: typeof address === 'object' && address ? address.port : 0 });
    }),
  );
}

describe('relay partition: packets vanish, nothing is refused', () => {
  it('holds every byte (old and new connections stay open) and lets them through, in order, at heal', async () => {
    const echo = await echoServer();
    const relay = await startLatencyRelay({ target: { host: '127.0.0.1', port: echo.port }, rttMs: 0 });
    const sockets: ReturnType<typeof connect>[] = [];
    try {
      const open = async () => {
        const socket = connect({ port: relay.port, host: '127.0.0.1' });
        sockets.push(socket);
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString()));
        await new Promise((done, fail) => socket.once('connect', done).once('error', fail));
        return { socket, received: () => received };
      };
      const before = await open();
      relay.partition();
      // A connection made during the partition is accepted, not refused…
      const during = await open();
      before.socket.write('old;');
      during.socket.write('new;');
      // …and what is sent is held: both chunks reach the relay, neither crosses.
      await waitFor(() => relay.heldBytes() >= 8, { timeoutMs: 10_000, what: 'the relay to hold both' });
      expect(before.received()).toBe('');
      expect(during.received()).toBe('');
      expect(before.socket.destroyed || during.socket.destroyed).toBe(false);
      before.socket.write('more;');
      relay.heal();
      await waitFor(() => before.received() === 'old;more;' && during.received() === 'new;', {
        timeoutMs: 10_000,
        what: 'the held bytes after the heal',
      });
      expect(relay.heldBytes()).toBe(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await relay.close();
      await new Promise<void>((done) => echo.server.close(() => done()));
    }
  });
});

describe('relay jitter', () => {
  it('spreads the RTT around the setting and never below setting − 2 × jitter', async () => {
    const echo = await echoServer();
    const relay = await startLatencyRelay({
      target: { host: '127.0.0.1', port: echo.port },
      rttMs: 10,
      jitterMs: 4,
    });
    try {
      const rtt = await measureRtt(relay.port, REDIS_PING, 31);
      // Each one-way delay is 5 ± 4 ms: an exchange takes at least 2 ms (timer resolution aside).
      expect(rtt.minMs).toBeGreaterThanOrEqual(1);
      // Uniform ± 4 ms on both ways: a median absolute deviation of (2 − √2) × 4 ≈ 2.3 ms expected;
      // without jitter an echo on loopback varies by hundredths of a millisecond.
      expect(rtt.madMs).toBeGreaterThan(0.5);
    } finally {
      await relay.close();
      await new Promise<void>((done) => echo.server.close(() => done()));
    }
  });
});

describe('--fault and --jitter flags', () => {
  it('parse, and every bad value or combination is a usage error (exit 2)', async () => {
    expect(parseCommand(['scenario', 'store-failure', '--fault', 'partition'])).toMatchObject({
      flags: { fault: 'partition' },
    });
    expect(
      parseCommand(['demo', '--network', 'shaped', '--store-rtt', '1ms', '--jitter', '0.2ms']),
    ).toMatchObject({ flags: { network: { storeRttMs: 1, clientRttMs: 20, jitterMs: 0.2 } } });
    const bad = [
      ['demo', '--fault', 'cut'],
      ['demo', '--fault', 'partition', '--target', 'http://127.0.0.1:1'],
      ['demo', '--fault', 'partition', '--redis', 'sentinel'],
      ['cluster', '--fault', 'partition'],
      ['demo', '--jitter', '0.2ms'],
      ['demo', '--network', 'shaped', '--store-rtt', '1ms', '--jitter', '0.6ms'],
      ['demo', '--network', 'shaped', '--jitter', 'wobbly'],
    ];
    for (const argv of bad) expect(() => parseCommand(argv), argv.join(' ')).toThrow(UsageError);
    const stderr = process.stderr.write;
    let said = '';
    process.stderr.write = ((chunk: string) => {
      said += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await runScenariosCli(['scenario', 'store-failure', '--fault', 'cut'])).toBe(2);
    } finally {
      process.stderr.write = stderr;
    }
    expect(said).toContain('--fault expects one of stop | partition, got "cut"');
  });
});

// 5 s of traffic: the partition (30 % of it, 1.5 s) lasts three command timeouts, so a node whose
// event loop is starved for a while on a loaded machine still sees its commands time out inside it.
const OPTIONS = { users: 8, requests: 1, durationSeconds: 5, quick: true };

interface StoreRun {
  result: StoreFailureResult;
  pids: number[];
  network: Cluster['network'];
}

/** The partitioned run is shaped too (1 ms ± 0.2 ms to the store): faults and jitter together. */
async function storeFailureOn(fault: 'stop' | 'partition'): Promise<StoreRun> {
  const network = fault === 'partition' ? { storeRttMs: 1, clientRttMs: 5, jitterMs: 0.2 } : undefined;
  const cluster = await startCluster({
    mode: 'redis',
    nodes: 2,
    redisUrl: '',
    fault,
    ...(network && { network }),
  });
  const pids = cluster.pids();
  try {
    const result = ok(await storeFailure.run(contextFromCluster(cluster), OPTIONS));
    return { result, pids, network: cluster.network };
  } finally {
    await cluster.close();
  }
}

const lastBucketClean = (result: { timeline: { ok: number; failed: number }[] }) => {
  const last = result.timeline.filter((p) => p.ok + p.failed > 0).at(-1)!;
  return last.failed === 0 && last.ok > 0;
};

describe.skipIf(!redisServerPath())('store-failure: a partitioned store against a stopped one', () => {
  let partitioned: StoreRun;
  let stopped: StoreRun;
  beforeAll(async () => {
    partitioned = await storeFailureOn('partition');
    stopped = await storeFailureOn('stop');
  }, 240_000);

  it('partition: requests wait for the command timeout before the breaker answers 503; no session is lost', () => {
    const { result } = partitioned;
    expect(result.fault.kind).toBe('partition');
    expect(result.fault.endedAt).toBeGreaterThan(result.fault.beganAt);
    expect(result.failedRequests).toBeGreaterThan(0);
    // Nothing is refused: the first requests learn of the partition only when Redis times out.
    expect(result.failedAnswerMs!.max).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 10);
    // The breakers opened (once a command timed out: a command sent just before the partition and
    // still on its way counts, so no lower bound from the partition's begin) and closed again.
    expect(result.breaker!.openedAfterMs).toBeGreaterThanOrEqual(0);
    expect(result.breaker!.closedAfterBackMs).toBeGreaterThanOrEqual(0);
    // Redis never stopped, so every session is still there after the heal.
    expect(result.sessionsLost).toBe(0);
    expect(lastBucketClean(result)).toBe(true);
  });

  it('stop: refused at once, so failures are fast 503s; the restarted (empty) store lost the sessions', () => {
    const { result } = stopped;
    expect(result.fault.kind).toBe('stop');
    expect(result.failedRequests).toBeGreaterThan(0);
    expect(result.failedAnswerMs!.p50).toBeLessThan(COMMAND_TIMEOUT_MS);
    expect(result.sessionsLost).toBeGreaterThan(0);
    expect(result.breaker!.closedAfterBackMs).toBeGreaterThanOrEqual(0);
    expect(lastBucketClean(result)).toBe(true);
  });

  it('measures the jittered store link: the spread as set (derived) and as seen', () => {
    const store = partitioned.network.links!.store!;
    expect(store.configuredJitterMs).toBe(0.2);
    expect(store.expectedRttMadMs).toBe(0.12);
    expect(store.measuredRttMadMs).toBeGreaterThanOrEqual(0);
    // The relay holds each chunk ≥ 0.5 − 0.2 ms each way: no exchange beats 0.6 ms (timers aside).
    expect(store.measuredRangeMs[0]).toBeGreaterThanOrEqual(0.5);
  });

  it('leaves no process behind (relays included)', async () => {
    const pids = [...partitioned.pids, ...stopped.pids];
    // nodes, balancer, redis, store relay, node relays, client relay
    expect(partitioned.pids.length).toBe(2 + 1 + 1 + 1 + 2 + 1);
    await waitFor(() => pids.every((pid) => !isAlive(pid)), { timeoutMs: 10_000, what: 'every pid gone' });
  });
});

describe.skipIf(!redisServerPath())('node-failure with a partitioned balancer↔node link', () => {
  let cluster: Cluster | undefined;
  afterAll(async () => {
    await cluster?.close();
  });

  it('requests sent to the cut node wait for the heal instead of failing over at once; nothing is lost', async () => {
    cluster = await startCluster({ mode: 'redis', nodes: 3, redisUrl: '', fault: 'partition' });
    const result: NodeFailureResult = ok(await nodeFailure.run(contextFromCluster(cluster), OPTIONS));
    expect(result.fault.kind).toBe('partition');
    const partitionMs = (result.fault.endedAt! - result.fault.beganAt) * 1000;
    expect(partitionMs).toBeGreaterThan(0);
    // Round robin sends to the cut node until its health checks time out: those requests are held
    // and answered only after the heal (a stopped node is refused and retried elsewhere at once).
    expect(result.faultAnswerMs!.max).toBeGreaterThanOrEqual(Math.min(500, partitionMs / 2));
    // Nothing is refused: the node leaves the rotation only when health checks time out (250 ms
    // each), and comes back after the heal.
    expect(result.balancerHealth!.ejectedAfterMs).toBeGreaterThanOrEqual(250);
    expect(result.balancerHealth!.backAfterHealMs).toBeGreaterThanOrEqual(0);
    expect(result.sessionsLost).toBe(0);
    expect(lastBucketClean(result)).toBe(true);
  }, 120_000);
});
