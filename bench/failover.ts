import { availableParallelism, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { SENTINEL_MASTER } from '../cluster/redis-local.ts';
import { type Cluster, startCluster } from '../cluster/start-cluster.ts';
import { redisServerPath } from '../lib/redis-server.ts';
import { percentile } from '../lib/stats/index.ts';
import { waitFor } from '../lib/wait-for.ts';
import { createAgent } from '../scenarios/client/http.ts';
import { LoginStream, type LoginStreamCheck } from '../scenarios/client/login-stream.ts';
import { spreadOf } from '../scenarios/core/spread.ts';
import { BenchUsageError } from './usage-error.ts';

/**
 * `npm run bench -- failover [--kills 5]` — acknowledged logins lost per Sentinel failover, with
 * asynchronous replication (Redis' default) and with REDIS_WAIT_REPLICAS=1, kills interleaved
 * (A B A B …) on two clusters that stay up. Each kill: a stream of fresh logins runs, the current
 * primary is SIGKILLed, the sentinels promote the replica, the old primary rejoins as a replica,
 * the stream stops, and every acknowledged login is checked. Also the login latency before each
 * kill (what WAIT costs). Prints one JSON document.
 */
interface Variant {
  name: 'async' | 'wait-1';
  env: Record<string, string>;
  cluster?: Cluster;
  kills: LoginStreamCheck[];
}

const STREAM_LANES = 2;
const BEFORE_KILL_MS = 1500;

function parseKills(args: string[]): number {
  const at = args.indexOf('--kills');
  const kills = at === -1 ? 5 : Number(args[at + 1]);
  if (!Number.isInteger(kills) || kills < 1)
    throw new BenchUsageError('--kills: expected a positive integer');
  return kills;
}

/** Until the current primary has one replica online again (the next kill needs one to promote). */
async function waitForReplica(cluster: Cluster): Promise<void> {
  const client = new Redis({ sentinels: cluster.sentinels!, name: SENTINEL_MASTER, lazyConnect: true });
  client.on('error', () => {});
  try {
    await waitFor(
      async () => {
        await client.connect().catch(() => undefined);
        const info = await client.info('replication').catch(() => '');
        return /connected_slaves:1/.test(info) && /slave0:.*state=online/.test(info);
      },
      { timeoutMs: 60_000, what: 'a replica online again' },
    );
  } finally {
    client.disconnect();
  }
}

async function oneKill(variant: Variant, firstUser: number): Promise<LoginStreamCheck> {
  const cluster = variant.cluster!;
  const agent = createAgent(8);
  const stream = new LoginStream(cluster.url, agent, firstUser, 400);
  try {
    await waitForReplica(cluster);
    const eventsBefore = cluster.storeEvents().length;
    stream.start(STREAM_LANES);
    await new Promise((resolve) => setTimeout(resolve, BEFORE_KILL_MS));
    const killedAt = Date.now();
    await cluster.stopRedis();
    await cluster.startRedis(); // waits for the promotion, then restarts the old one as a replica
    await waitForReplica(cluster);
    await stream.stop();
    const check = await stream.check(cluster.mode, killedAt);
    const events = cluster.storeEvents().slice(eventsBefore);
    const switches = events.filter((line) => line.includes('+switch-master')).length;
    process.stderr.write(
      `${variant.name}: ${events.length} sentinel events, ${switches} +switch-master lines\n`,
    );
    if (check.lost > 0) process.stderr.write(`${events.join('\n')}\n`);
    return check;
  } finally {
    await stream.stop();
    await agent.close();
  }
}

function summary(variant: Variant) {
  const lost = variant.kills.map((k) => k.lost);
  const latencies = variant.kills.flatMap((k) => k.loginMsBeforeFault);
  // 0 when no login was timed: the samples count beside them says so.
  const pct = (p: number) => Math.round(percentile(latencies, p) ?? 0);
  return {
    variant: variant.name,
    kills: variant.kills.length,
    lostPerKill: lost,
    lost: spreadOf(lost, 0),
    acknowledgedPerKill: variant.kills.map((k) => k.acknowledged),
    lostBeforeKillMs: variant.kills.map((k) => k.lostBeforeFaultMs),
    refusedPerKill: variant.kills.map((k) => k.refused),
    loginMsBeforeKill: { p50: pct(50), p99: pct(99), samples: latencies.length },
  };
}

export async function run(args: string[]): Promise<void> {
  if (!redisServerPath()) {
    process.stderr.write('failover bench: redis-server is not on PATH\n');
    process.exit(2);
  }
  const kills = parseKills(args);
  const variants: Variant[] = [
    { name: 'async', env: {}, kills: [] },
    { name: 'wait-1', env: { REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT: '200ms' }, kills: [] },
  ];
  const loadBefore = loadavg();
  try {
    for (const variant of variants) {
      variant.cluster = await startCluster({
        mode: 'redis',
        nodes: 2,
        redis: 'sentinel',
        redisUrl: '',
        env: variant.env,
      });
    }
    for (let round = 0; round < kills; round++) {
      for (const [i, variant] of variants.entries()) {
        variant.kills.push(await oneKill(variant, 1 + (round * variants.length + i) * 400));
        process.stderr.write(
          `${variant.name} kill ${round + 1}/${kills}: lost ${variant.kills.at(-1)!.lost}\n`,
        );
      }
    }
  } finally {
    await Promise.all(variants.map((variant) => variant.cluster?.close()));
  }
  const report = {
    measured: true,
    cores: availableParallelism(),
    loadavgBefore: loadBefore.map((n) => Math.round(n * 10) / 10),
    loadavgAfter: loadavg().map((n) => Math.round(n * 10) / 10),
    results: variants.map(summary),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
