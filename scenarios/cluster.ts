import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { freePort } from '../lib/free-port.ts';
import { redisServerPath } from '../lib/redis-server.ts';
import type { AuthMode } from '../nodes/config.ts';
import { type Entry, entryCommand, ROOT } from './entrypoints.ts';
import { procCpuMicros, scrapeCpuMicros } from './node-cpu.ts';
import { type ManagedProcess, spawnManaged, tail } from './processes.ts';
import { RedisAdmin } from './redis-commands.ts';
import {
  type LocalRedis,
  REDIS_FIX,
  type SentinelTopology,
  startLocalRedis,
  startSentinelTopology,
} from './redis-local.ts';
import type { Strategy } from './types.ts';

/**
 * The embedded cluster: Redis (when the mode uses one), N app nodes and the balancer, each a child
 * process on a free loopback port, with the controls the scenarios need (kill/restart a node,
 * stop/start/pause Redis, CPU and Redis command counters). Every process is tracked by
 * processes.ts, so nothing outlives us: not on success, failure, Ctrl-C or an uncaught error.
 *
 * Store policy (documented in the README):
 * - `redis` needs Redis: REDIS_URL if set (an external Redis we cannot stop), else `redis-server`
 *   from PATH on a free port with persistence off; if neither exists startCluster throws
 *   StoreUnavailableError and the caller reports the run as skipped with the reason and the fix.
 * - `jwt` uses Redis the same way when one is available (refresh rotation + reuse detection and the
 *   access-token denylist); without one it runs stateless (`cluster.store === 'none'`) and says so.
 * - `memory` never starts Redis.
 */
// Cold tsx start-up on a busy 2-core machine can take several seconds per process.
const START_TIMEOUT_MS = 45_000;
/** Env names of the node/balancer contract: never inherited from our own environment. */
const CONTRACT_ENV = [
  'NODE_ID',
  'HOST',
  'PORT',
  'AUTH_MODE',
  'AUTH_SECRET',
  'REDIS_URL',
  'REDIS_SENTINELS',
  'REDIS_MASTER_NAME',
  'ACCESS_TOKEN_TTL',
  'REFRESH_TOKEN_TTL',
  'SESSION_IDLE_TTL',
  'SESSION_ABSOLUTE_TTL',
  'COOKIE_SECURE',
  'ADMIN_TOKEN',
  'JWT_CACHE_SIZE',
  'SCRYPT_COST',
  'LOGIN_RATE_LIMIT',
  'TARGETS',
  'STRATEGY',
  'HEALTH_INTERVAL',
  'PROXY_TIMEOUT',
];

export type StoreKind = 'none' | 'single' | 'sentinel' | 'external';

export class StoreUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'StoreUnavailableError';
  }
}

export interface ClusterOptions {
  mode: AuthMode;
  nodes: number;
  strategy?: Strategy;
  /** Redis topology when the mode uses a store and no REDIS_URL is given. Default 'single'. */
  redis?: 'single' | 'sentinel';
  /** jwt only: false runs stateless even when Redis is available. Default true. */
  jwtStore?: boolean;
  /** Balancer active health-check period (`250ms` format). Default 250ms. */
  healthInterval?: string;
  /** Extra node env (e.g. ACCESS_TOKEN_TTL); wins over the launcher's own settings. */
  env?: Record<string, string>;
  /** false: nodes only (scale starts its own balancers with startBalancer). Default true. */
  balancer?: boolean;
  /**
   * Extra nodes started beside the `nodes` the main balancer fronts, for scale to put its own
   * balancers in front of 1…N of them without paying node start-up again. Default 0.
   */
  spareNodes?: number;
  /** Overrides process.env.REDIS_URL (tests pass '' to force a private redis-server). */
  redisUrl?: string;
}

export interface Balancer {
  readonly url: string;
  readonly process: ManagedProcess;
  close(): Promise<void>;
}

export interface Cluster {
  readonly mode: AuthMode;
  readonly strategy: Strategy;
  readonly options: ClusterOptions;
  /** The balancer's URL ('' when started with balancer: false). */
  readonly url: string;
  readonly nodeUrls: string[];
  readonly nodeIds: string[];
  readonly secret: string;
  /** Random token enabling the nodes' POST /__admin/crash (x-admin-token). */
  readonly adminToken: string;
  readonly store: StoreKind;
  /** Why the store is what it is (e.g. jwt without Redis runs stateless), for reports. */
  readonly storeNote?: string;
  readonly redisUrl?: string;
  readonly sentinels?: { host: string; port: number }[];
  killNode(index: number): Promise<void>;
  restartNode(index: number): Promise<void>;
  /** Local single Redis: stop the process (keys are lost). Sentinel: kill the current primary. */
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  pauseRedis(): void;
  resumeRedis(): void;
  /** Why stopRedis() cannot work here (external REDIS_URL, no store), or undefined. */
  readonly cannotStopRedis?: string;
  /** CPU µs per node id. */
  cpuMicros(): Promise<Record<string, number>>;
  /** Sum of Redis commands (INFO commandstats) that are app work; 0 without a store. */
  redisCommandCount(): Promise<number>;
  /** Another balancer in front of the given nodes (scale: 1…N behind the same node set). */
  startBalancer(nodeIndexes: number[], strategy?: Strategy, healthInterval?: string): Promise<Balancer>;
  /** Pids of every live process of this cluster. */
  pids(): number[];
  close(): Promise<void>;
}

async function getOk(url: string): Promise<boolean> {
  try {
    const response = await request(url, { headersTimeout: 1000, bodyTimeout: 1000 });
    await response.body.dump();
    return response.statusCode === 200;
  } catch {
    return false;
  }
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONTRACT_ENV) delete env[name];
  return { ...env, ...extra };
}

/**
 * Spawns a node or the balancer on `port` and waits for `readyPath`. When `movable`, a port taken
 * in the meantime (free-port races) is retried on a new one.
 */
async function startProcess(
  name: string,
  entry: Entry,
  env: Record<string, string>,
  readyPath: string,
  port: number,
  movable: boolean,
  own: (proc: ManagedProcess) => void,
): Promise<{ proc: ManagedProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const { command, args } = await entryCommand(entry);
    const proc = spawnManaged(name, command, args, {
      cwd: ROOT,
      env: childEnv({ ...env, HOST: '127.0.0.1', PORT: String(port) }),
    });
    own(proc);
    try {
      await pollUntil(() => getOk(`http://127.0.0.1:${port}${readyPath}`), proc, `${name} on port ${port}`);
      return { proc, port };
    } catch (error) {
      await proc.kill();
      const portTaken = proc.output().includes('EADDRINUSE');
      if (!portTaken || !movable || attempt >= 3) throw error;
      port = await freePort();
    }
  }
}

/**
 * Polls /__lb/stats until every target is up *and* has answered a health probe (its nodeId is
 * known): targets start "up" before any probe, then go down while the nodes boot and need two
 * good probes to come back.
 */
async function waitAllUp(url: string, proc: ManagedProcess, what: string): Promise<void> {
  await pollUntil(
    async () => {
      const response = await request(`${url}/__lb/stats`, { headersTimeout: 1000, bodyTimeout: 1000 });
      const stats = (await response.body.json()) as { targets?: { up?: boolean; nodeId?: string | null }[] };
      return (
        response.statusCode === 200 &&
        (stats.targets ?? []).every((target) => target.up === true && typeof target.nodeId === 'string')
      );
    },
    proc,
    what,
  );
}

/**
 * Polls `check` every 50 ms until it is true; fails at once when `proc` exits (with its last output
 * lines, e.g. a node's one-line config error) and after START_TIMEOUT_MS otherwise.
 */
async function pollUntil(check: () => Promise<boolean>, proc: ManagedProcess, what: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (proc.exited) throw new Error(`${proc.name} exited during start${tail(proc)}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${START_TIMEOUT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface StoreSetup {
  kind: StoreKind;
  note?: string;
  redisUrl?: string;
  local?: LocalRedis;
  sentinel?: SentinelTopology;
  admin?: RedisAdmin;
}

async function setUpStore(options: ClusterOptions): Promise<StoreSetup> {
  const wantsStore = options.mode === 'redis' || (options.mode === 'jwt' && options.jwtStore !== false);
  if (!wantsStore) {
    return options.mode === 'jwt'
      ? { kind: 'none', note: 'jwt without a store (stateless)' }
      : { kind: 'none' };
  }
  const external = options.redisUrl ?? process.env.REDIS_URL;
  if (external) return { kind: 'external', redisUrl: external, admin: new RedisAdmin(external) };
  if (!redisServerPath()) {
    const reason = `no Redis: redis-server is not on PATH and REDIS_URL is not set; ${REDIS_FIX}`;
    if (options.mode === 'redis') throw new StoreUnavailableError(reason);
    return { kind: 'none', note: `jwt runs stateless (no refresh rotation or denylist): ${reason}` };
  }
  if (options.redis === 'sentinel') {
    const sentinel = await startSentinelTopology();
    return {
      kind: 'sentinel',
      sentinel,
      admin: new RedisAdmin({ sentinels: sentinel.sentinels, name: sentinel.masterName }),
    };
  }
  const local = await startLocalRedis('redis');
  return { kind: 'single', local, redisUrl: local.url, admin: new RedisAdmin(local.url) };
}

function storeEnv(store: StoreSetup): Record<string, string> {
  if (store.sentinel) {
    return {
      REDIS_SENTINELS: store.sentinel.sentinels.map((s) => `${s.host}:${s.port}`).join(','),
      REDIS_MASTER_NAME: store.sentinel.masterName,
    };
  }
  return store.redisUrl ? { REDIS_URL: store.redisUrl } : {};
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  try {
    return await launch(options);
  } catch (error) {
    // Free ports are picked before the processes bind them; another program may win the race.
    if (!/EADDRINUSE|Address already in use/.test(String(error instanceof Error ? error.message : error)))
      throw error;
    return launch(options);
  }
}

async function launch(options: ClusterOptions): Promise<Cluster> {
  if (!Number.isInteger(options.nodes) || options.nodes < 1 || options.nodes > 16) {
    throw new Error(`nodes must be an integer 1-16, got ${options.nodes}`);
  }
  const totalNodes = options.nodes + Math.max(0, options.spareNodes ?? 0);
  const strategy = options.strategy ?? 'round-robin';
  const healthInterval = options.healthInterval ?? '250ms';
  const secret = randomBytes(32).toString('base64url');
  const adminToken = randomBytes(24).toString('base64url');
  const nodeProcs: (ManagedProcess | undefined)[] = [];
  const nodePorts: number[] = [];
  const balancers = new Set<Balancer>();
  let store: StoreSetup | undefined;
  let closed = false;
  /** Every process this cluster spawned, from the moment it exists (a failed start kills them all). */
  const owned = new Set<ManagedProcess>();
  const own = (proc: ManagedProcess) => {
    owned.add(proc);
  };

  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.all([...balancers].map((b) => b.close()));
    await Promise.all(nodeProcs.map((proc) => proc?.stop(2000)));
    await Promise.all([...owned].map((proc) => proc.kill()));
    await store?.admin?.close();
    await Promise.all([store?.local?.stop(), store?.sentinel?.close()]);
  };

  try {
    store = await setUpStore(options);
    // Every port up front, in one go (so they are distinct), to start all processes at once.
    const ports = await Promise.all(Array.from({ length: totalNodes + 1 }, () => freePort()));
    const balancerPort = ports.pop()!;
    nodePorts.push(...ports);
    const nodeEnv = (index: number): Record<string, string> => ({
      NODE_ID: `node-${index + 1}`,
      AUTH_MODE: options.mode,
      AUTH_SECRET: secret,
      ADMIN_TOKEN: adminToken,
      // Scenarios log in hundreds of users from one IP on purpose.
      LOGIN_RATE_LIMIT: '0',
      // Logins are not what the scenarios measure; a cheaper scrypt keeps them from dominating
      // the run time on two cores (the node default is 16384).
      SCRYPT_COST: '4096',
      ...storeEnv(store!),
      ...options.env,
    });
    const startNode = async (index: number, movable: boolean) => {
      const started = await startProcess(
        `node-${index + 1}`,
        'node',
        nodeEnv(index),
        '/health',
        nodePorts[index]!,
        movable,
        own,
      );
      nodeProcs[index] = started.proc;
      nodePorts[index] = started.port;
    };
    const nodeUrls = nodePorts.map((port) => `http://127.0.0.1:${port}`);
    const startBalancer = async (
      indexes: number[],
      balancerStrategy: Strategy = strategy,
      interval = healthInterval,
      port?: number,
    ): Promise<Balancer> => {
      const started = await startProcess(
        'balancer',
        'balancer',
        {
          TARGETS: indexes.map((i) => nodeUrls[i]!).join(','),
          STRATEGY: balancerStrategy,
          HEALTH_INTERVAL: interval,
        },
        '/__lb/stats',
        port ?? (await freePort()),
        true,
        own,
      );
      const balancer: Balancer = {
        url: `http://127.0.0.1:${started.port}`,
        process: started.proc,
        close: async () => {
          balancers.delete(balancer);
          await started.proc.stop(1500);
        },
      };
      balancers.add(balancer);
      await waitAllUp(balancer.url, started.proc, `balancer ${balancer.url} to see all its targets up`);
      return balancer;
    };

    // Nodes and the balancer start together: process start-up dominates cluster start.
    const mainIndexes = Array.from({ length: options.nodes }, (_, i) => i);
    const starting = [
      ...nodePorts.map((_, i) => startNode(i, false)),
      ...(options.balancer === false
        ? []
        : [startBalancer(mainIndexes, strategy, healthInterval, balancerPort)]),
    ];
    // The first failure wins; the catch below kills everything, which ends the other waits.
    await Promise.all(starting);
    const main = options.balancer === false ? undefined : [...balancers][0];

    const setup = store;
    const cannotStopRedis =
      setup.kind === 'none'
        ? `${options.mode} mode runs without a store here`
        : setup.kind === 'external'
          ? 'REDIS_URL points at a Redis this launcher did not start, so it cannot stop it (unset REDIS_URL to use a private redis-server)'
          : undefined;

    const cluster: Cluster = {
      mode: options.mode,
      strategy,
      options,
      url: main?.url ?? '',
      nodeUrls,
      nodeIds: nodeUrls.map((_, i) => `node-${i + 1}`),
      secret,
      adminToken,
      store: setup.kind,
      ...(setup.note !== undefined && { storeNote: setup.note }),
      ...(setup.redisUrl !== undefined && { redisUrl: setup.redisUrl }),
      ...(setup.sentinel !== undefined && { sentinels: setup.sentinel.sentinels }),
      ...(cannotStopRedis !== undefined && { cannotStopRedis }),
      killNode: async (index) => {
        await nodeProcs[index]?.kill();
      },
      restartNode: async (index) => {
        const proc = nodeProcs[index];
        if (proc && !proc.exited) return;
        await startNode(index, false);
      },
      stopRedis: async () => {
        if (setup.local) return setup.local.stop();
        if (setup.sentinel) {
          const port = await setup.sentinel.currentPrimaryPort();
          const victim = [setup.sentinel.primary, setup.sentinel.replica].find((r) => r.port === port);
          return victim?.stop(true);
        }
        throw new Error(cannotStopRedis);
      },
      startRedis: async () => {
        if (setup.local) return setup.local.start();
        if (setup.sentinel) {
          await Promise.all([setup.sentinel.primary.start(), setup.sentinel.replica.start()]);
          return;
        }
        throw new Error(cannotStopRedis);
      },
      pauseRedis: () => {
        setup.local?.pause();
        setup.sentinel?.primary.pause();
      },
      resumeRedis: () => {
        setup.local?.resume();
        setup.sentinel?.primary.resume();
      },
      cpuMicros: async () => {
        const samples = await Promise.all(
          nodeUrls.map(async (url, i) => {
            const proc = nodeProcs[i];
            if (!proc || proc.exited) return undefined;
            const scraped = await scrapeCpuMicros(url);
            const micros = scraped?.micros ?? (await procCpuMicros(proc.pid));
            return micros === undefined ? undefined : ([`node-${i + 1}`, micros] as const);
          }),
        );
        return Object.fromEntries(samples.filter((s) => s !== undefined));
      },
      redisCommandCount: async () => (setup.admin ? setup.admin.commandCount() : 0),
      startBalancer,
      pids: () => [
        ...nodeProcs.filter((p) => p && !p.exited).map((p) => p!.pid),
        ...[...balancers].filter((b) => !b.process.exited).map((b) => b.process.pid),
        ...(setup.local?.pids() ?? []),
        ...(setup.sentinel?.pids() ?? []),
      ],
      close,
    };
    return cluster;
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs `body` with a cluster and always tears it down. */
export async function withCluster<T>(
  options: ClusterOptions,
  body: (cluster: Cluster) => Promise<T>,
): Promise<T> {
  const cluster = await startCluster(options);
  try {
    return await body(cluster);
  } finally {
    await cluster.close();
  }
}
