import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { RunMode } from '../../cluster/run-modes.ts';
import type { Cluster } from '../../cluster/start-cluster.ts';
import { createAgent, mapLimit, VirtualUser } from '../client/http.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import { withPrivateNode } from '../core/private-node.ts';
import type { Skipped } from '../core/types.ts';
import {
  capPlan,
  DEFAULT_PLAN,
  FULL_PLAN,
  implicationsOf,
  medianOf,
  type PopulationPlan,
  QUICK_PLAN,
  WIRE_RATE,
} from './math.ts';
import { measurePopulations, type PopulationProbes } from './populations.ts';
import { NodeProbe, RedisMemoryProbe } from './probes.ts';
import { ShardedMemoryProbe } from './shards.ts';
import type { CapacityResult, SessionHome } from './types.ts';

/**
 * capacity — the seed's "many concurrent users load the server": what one logged-in user costs the
 * server while idle. A private one-node cluster of the run mode (no balancer, nothing else running)
 * is filled level by level; sessions are made through POST /auth/login up to `loginPopulation` (a
 * cheap SCRYPT_COST for the run: logins are the means, not what is measured) and through the
 * store's own API beyond it. Bytes are read where the mode keeps them: the node's V8 heap after a
 * forced GC (memory), Redis used_memory (redis: session keys; jwt-redis: one refresh family per
 * login); stateless jwt keeps nothing, which the run checks on the node heap.
 */
export const CAPACITY_SCRYPT_COST = 1024;
/** The memory store's default size bound (nodes/sessions/memory-store.ts): it evicts beyond it. */
export const MEMORY_STORE_BOUND = 100_000;
/** Real logins rotate over a few users so the node's password-hash cache does not grow with them. */
const LOGIN_USERS = Array.from({ length: 16 }, (_, i) => `user${String(i + 1).padStart(4, '0')}`);
const LOGIN_CONCURRENCY = 8;
/** Login + logout rounds before the baseline (see warmUp). */
const WARM_UP = { quick: 300, default: 1200 } as const;

export type CapacityOptions = ScenarioOptions;

const WHERE: Record<RunMode, SessionHome> = {
  memory: 'node-heap',
  redis: 'redis',
  jwt: 'none',
  'jwt-redis': 'redis',
};

export async function run(ctx: ScenarioContext, options: CapacityOptions): Promise<CapacityResult | Skipped> {
  if (ctx.target) {
    return {
      skipped: true,
      reason: 'capacity needs the embedded launcher (a private node and its admin probes)',
    };
  }
  const runMode = ctx.run;
  // Always a private redis-server: the run leaves up to 1M keys behind, never in someone's REDIS_URL.
  // Under --redis cluster, a private Redis Cluster: the keys spread over its 3 primaries.
  const redis = ctx.store === 'cluster' ? 'cluster' : 'single';
  return withPrivateNode(
    runMode,
    { SCRYPT_COST: String(CAPACITY_SCRYPT_COST) },
    '',
    (cluster) => measure(cluster, runMode, options),
    redis,
  );
}

async function measure(
  cluster: Cluster,
  runMode: RunMode,
  options: CapacityOptions,
): Promise<CapacityResult> {
  const where = WHERE[runMode];
  const base = options.quick ? QUICK_PLAN : options.full ? FULL_PLAN : DEFAULT_PLAN;
  const plan = capPlan(base, runMode === 'memory' ? MEMORY_STORE_BOUND : undefined);
  const nodeUrl = cluster.nodeUrls[0]!;
  const agent = createAgent(LOGIN_CONCURRENCY + 2);
  const node = new NodeProbe(nodeUrl, cluster.adminToken, agent);
  const redis = where === 'redis' ? await memoryProbeOf(cluster) : undefined;
  try {
    const retries = { count: 0 };
    const credential = await warmUp(
      nodeUrl,
      agent,
      runMode,
      options.quick ? WARM_UP.quick : WARM_UP.default,
      retries,
    );
    const login = (count: number) =>
      mapLimit(Array.from({ length: count }), LOGIN_CONCURRENCY, async (_, i) => {
        await logIn(new VirtualUser(LOGIN_USERS[i % LOGIN_USERS.length]!, nodeUrl, agent), retries);
      });
    const probes: PopulationProbes = {
      where: where === 'none' ? 'node-heap' : where,
      readBytes: () => (redis ? redis.usedMemory() : node.heapBytes()),
      grow: async (from, to) => {
        const byLogin = Math.max(0, Math.min(to, plan.loginPopulation) - from);
        if (byLogin > 0) await login(byLogin);
        if (to - from - byLogin > 0) await node.seed(to - from - byLogin);
      },
      ...(redis && { countSessions: () => redis.keyCount() }),
    };
    if (where === 'none') return await statelessResult(runMode, plan, credential, probes);
    const populations = await measurePopulations(probes, plan);
    const largest = populations[populations.length - 1]!;
    const shards = redis instanceof ShardedMemoryProbe ? await redis.perShard() : undefined;
    return {
      runMode,
      where,
      populations,
      loginPopulation: plan.loginPopulation,
      scryptCost: CAPACITY_SCRYPT_COST,
      loginRetries: retries.count,
      credentialHeaderBytes: credential.bytes,
      credentialKind: credential.kind,
      ...(plan.levels.length < base.levels.length && {
        note: `the memory store keeps at most ${MEMORY_STORE_BOUND} sessions per node (it evicts the oldest beyond that)`,
      }),
      wireRate: WIRE_RATE,
      implications: implicationsOf(medianOf(largest.bytesPerSession), credential.bytes),
      ...(shards && { shards }),
    };
  } finally {
    await redis?.close();
    await agent.close();
  }
}

/** Where the sessions' bytes are read: the private redis-server, or each primary of a Redis Cluster. */
async function memoryProbeOf(cluster: Cluster): Promise<RedisMemoryProbe | ShardedMemoryProbe | undefined> {
  if (cluster.shards) return ShardedMemoryProbe.open(await cluster.shards());
  return cluster.redisUrl ? new RedisMemoryProbe(cluster.redisUrl) : undefined;
}

interface Credential {
  kind: 'cookie' | 'bearer';
  /** The header line as it travels: `cookie: sid=…` or `authorization: Bearer …` plus CRLF. */
  bytes: number;
}

/**
 * Logs in and out `rounds` times over the login users: their password hashes get cached and the
 * node's code paths get compiled and optimised (measured: the node heap grows by ~1 KB per login
 * for the first ~1000 logins while V8 warms up, then by ~0), so the steps that follow see the cost
 * of holding sessions and not the JIT's. Keeps the credential's size; leaves no session of ours.
 */
async function warmUp(
  nodeUrl: string,
  agent: Dispatcher,
  runMode: RunMode,
  rounds: number,
  retries: { count: number },
): Promise<Credential> {
  let credential: Credential | undefined;
  await mapLimit(Array.from({ length: rounds }), LOGIN_CONCURRENCY, async (_, i) => {
    const user = new VirtualUser(LOGIN_USERS[i % LOGIN_USERS.length]!, nodeUrl, agent);
    await logIn(user, retries);
    const sent = user.credential(runMode === 'jwt' || runMode === 'jwt-redis' ? 'jwt' : runMode);
    if (sent && !credential) {
      credential = { kind: sent.kind, bytes: Buffer.byteLength(`${sent.header}: ${sent.value}\r\n`) };
    }
    await user.logout();
  });
  if (!credential) throw new Error(`no credential after a ${runMode} login`);
  return credential;
}

/**
 * Stateless jwt: a login stores nothing, so every population costs 0 bytes. The real logins still
 * run, and the node heap is read around them: `heapCheckBytesPerLogin` shows that what is left is
 * noise around 0, not a hidden per-user cost.
 */
async function statelessResult(
  runMode: RunMode,
  plan: PopulationPlan,
  credential: Credential,
  probes: PopulationProbes,
): Promise<CapacityResult> {
  const [check] = await measurePopulations(probes, {
    loginPopulation: plan.loginPopulation,
    levels: [plan.loginPopulation],
  });
  return {
    runMode,
    where: 'none',
    populations: plan.levels.map((sessions) => ({
      sessions,
      createdBy: sessions <= plan.loginPopulation ? 'login' : 'store-api',
      where: 'none',
      bytesPerSession: 0,
      totalBytes: 0,
    })),
    loginPopulation: plan.loginPopulation,
    scryptCost: CAPACITY_SCRYPT_COST,
    credentialHeaderBytes: credential.bytes,
    credentialKind: credential.kind,
    ...(check &&
      typeof check.bytesPerSession !== 'number' && { heapCheckBytesPerLogin: check.bytesPerSession }),
    note: 'stateless: a login stores nothing on the server; populations beyond the real logins are 0 by construction',
    wireRate: WIRE_RATE,
    implications: implicationsOf(0, credential.bytes),
  };
}

/**
 * One login; on a busy machine the node's store calls can time out (503 ERR_STORE_UNAVAILABLE) or
 * a connection can fail: retried a few times with a pause, and counted in `retries`.
 */
async function logIn(user: VirtualUser, retries: { count: number }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const reply = await user.login();
    if (reply.status === 200) return;
    const transient = reply.status === 503 || reply.status === 0;
    if (!transient || attempt >= 5) {
      throw new Error(`login answered ${reply.status} ${reply.code ?? reply.error ?? ''}`.trim());
    }
    retries.count++;
    await sleep(250 * attempt);
  }
}
