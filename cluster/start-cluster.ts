import { randomBytes } from 'node:crypto';
import type { StrategyName } from '../balancer/config.ts';
import { parseDurationSeconds } from '../lib/duration.ts';
import { freePort } from '../lib/free-port.ts';
import { SESSION_KEY_PREFIX } from '../nodes/sessions/redis-store.ts';
import { startProcess, waitAllUp } from './child-process.ts';
import { type BalancerKind, BalancerUnavailableError } from './external-balancers/kinds.ts';
import { startExternalBalancer, whyUnavailable } from './external-balancers/start-external.ts';
import { procCpuMicros, scrapeCpuMicros } from './node-cpu.ts';
import type { ManagedProcess } from './processes.ts';
import { measureLink, type NetworkFigures, type RelayProcess, startRelayProcess } from './shaped-network.ts';
import {
  closeStore,
  type StoreSetup,
  setUpStore,
  storeControls,
  storeEnv,
  whyStoreIsNotControllable,
} from './store-setup.ts';
import type { Balancer, Cluster, ClusterOptions } from './types.ts';

export { BalancerUnavailableError } from './external-balancers/kinds.ts';
export type { Balancer, Cluster, ClusterOptions, StoreKind } from './types.ts';
export { StoreUnavailableError } from './types.ts';

/**
 * The embedded cluster: Redis (when the mode uses one), N app nodes and the balancer, each a child
 * process on a free loopback port, with the controls the scenarios and the classroom need
 * (kill/restart a node, stop/start/pause Redis, CPU and Redis command counters). Every process is
 * tracked by processes.ts, so nothing outlives us: not on success, failure, Ctrl-C or an uncaught
 * error. Store policy: see store-setup.ts.
 */
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

function validateOptions(options: ClusterOptions): void {
  if (!Number.isInteger(options.nodes) || options.nodes < 1 || options.nodes > 16) {
    throw new Error(`nodes must be an integer 1-16, got ${options.nodes}`);
  }
}

async function launch(options: ClusterOptions): Promise<Cluster> {
  validateOptions(options);
  const launched = new LaunchedCluster(options);
  try {
    await launched.start();
    return launched.toCluster();
  } catch (error) {
    await launched.close();
    throw error;
  }
}

/** One launch: owns every process it spawns from the moment it exists, so close() finds them all. */
class LaunchedCluster {
  readonly strategy: StrategyName;
  readonly healthInterval: string;
  readonly balancerKind: BalancerKind;
  readonly secret = randomBytes(32).toString('base64url');
  readonly adminToken = randomBytes(24).toString('base64url');
  private readonly nodeProcs: (ManagedProcess | undefined)[] = [];
  private nodePorts: number[] = [];
  private readonly balancers = new Set<Balancer>();
  private readonly owned = new Set<ManagedProcess>();
  private store: StoreSetup | undefined;
  private closed = false;
  private storeRelay: RelayProcess | undefined;
  private clientRelay: RelayProcess | undefined;
  /** `fault: partition`: one relay in front of each node, on the balancer↔node link. */
  private readonly nodeRelays: RelayProcess[] = [];
  private network: NetworkFigures = { kind: 'loopback' };

  readonly options: ClusterOptions;

  constructor(options: ClusterOptions) {
    this.options = options;
    this.strategy = options.strategy ?? 'round-robin';
    this.healthInterval = options.healthInterval ?? '250ms';
    this.balancerKind = options.balancerKind ?? 'builtin';
  }

  async start(): Promise<void> {
    // Before anything starts: a missing HAProxy/nginx skips the run instead of failing it late.
    const unavailable =
      this.balancerKind === 'builtin' ? undefined : whyUnavailable(this.balancerKind, this.strategy);
    if (unavailable) throw new BalancerUnavailableError(unavailable);
    this.store = await setUpStore(this.options);
    await this.shapeStoreLink();
    const balancerPort = await this.allocatePorts();
    await this.relayNodeLinks();
    const mainIndexes = Array.from({ length: this.options.nodes }, (_, i) => i);
    const startNodes = () => Promise.all(this.nodePorts.map((_, i) => this.startNode(i)));
    if (this.options.balancer === false) return void (await startNodes());
    if (this.balancerKind !== 'builtin') {
      // HAProxy/nginx assume their servers are up at start: start them once the nodes answer.
      await startNodes();
      return void (await this.startBalancer(mainIndexes, this.strategy, this.healthInterval, balancerPort));
    }
    // Nodes and our balancer start together: process start-up dominates cluster start.
    await Promise.all([
      startNodes(),
      this.startBalancer(mainIndexes, this.strategy, this.healthInterval, balancerPort),
    ]);
    await this.shapeClientLink(balancerPort);
  }

  private get partitions(): boolean {
    return this.options.fault === 'partition';
  }

  /**
   * `network: shaped`: the nodes reach a single local Redis through a latency relay; `fault:
   * partition` puts one there too (without delay on loopback), which can cut the link.
   */
  private async shapeStoreLink(): Promise<void> {
    const shaped = this.options.network;
    if (!shaped && !this.partitions) return;
    const local = this.store?.local;
    if (this.store?.kind !== 'none' && !local) {
      throw new Error(
        shaped
          ? 'a shaped network needs the single local Redis (--redis single, no REDIS_URL)'
          : 'a partition needs the single local Redis (--redis single, no REDIS_URL)',
      );
    }
    if (shaped) this.network = { kind: 'shaped', links: {} };
    if (!local) return;
    const own = (proc: ManagedProcess) => this.owned.add(proc);
    this.storeRelay = await startRelayProcess(
      'store-relay',
      local.port,
      shaped?.storeRttMs ?? 0,
      shaped?.jitterMs ?? 0,
      own,
      this.partitions,
    );
  }

  /** `fault: partition`: a relay in front of every node, so one balancer↔node link can be cut. */
  private async relayNodeLinks(): Promise<void> {
    if (!this.partitions) return;
    const own = (proc: ManagedProcess) => this.owned.add(proc);
    const relays = await Promise.all(
      this.nodePorts.map((port, i) => startRelayProcess(`node-${i + 1}-relay`, port, 0, 0, own, true)),
    );
    this.nodeRelays.push(...relays);
  }

  /** What balancers put in their target list: each node, or its relay under `fault: partition`. */
  private targetPort(index: number): number {
    return this.nodeRelays[index]?.port ?? this.nodePorts[index]!;
  }

  /** `network: shaped`: clients reach the main balancer through a latency relay; both links measured. */
  private async shapeClientLink(balancerPort: number): Promise<void> {
    const shaped = this.options.network;
    if (!shaped) return;
    const own = (proc: ManagedProcess) => this.owned.add(proc);
    this.clientRelay = await startRelayProcess(
      'client-relay',
      balancerPort,
      shaped.clientRttMs,
      shaped.jitterMs ?? 0,
      own,
    );
    await this.measureLinks();
  }

  /** Measures the shaped links (store, client) and replaces their figures in `network`. */
  private async measureLinks(): Promise<void> {
    const shaped = this.options.network;
    if (!shaped || !this.clientRelay) return;
    const balancerPort = this.clientRelay.targetPort;
    this.network.links = {
      ...(this.storeRelay && {
        store: await measureLink(
          this.storeRelay.port,
          this.store!.local!.port,
          shaped.storeRttMs,
          'store',
          shaped.jitterMs,
        ),
      }),
      client: await measureLink(
        this.clientRelay.port,
        balancerPort,
        shaped.clientRttMs,
        'client',
        shaped.jitterMs,
      ),
    };
  }

  /** HAProxy or nginx in front of `indexes`, tracked like our own balancer. */
  private async startExternal(
    kind: Exclude<BalancerKind, 'builtin'>,
    indexes: number[],
    strategy: StrategyName,
    interval: string,
    port: number,
  ): Promise<Balancer> {
    const nodes = indexes.map((i) => ({ id: `node-${i + 1}`, port: this.targetPort(i) }));
    const healthIntervalMs = (parseDurationSeconds(interval) ?? 0.25) * 1000;
    const own = (proc: ManagedProcess) => this.owned.add(proc);
    const balancer = await startExternalBalancer(kind, { port, nodes, strategy, healthIntervalMs }, own);
    const tracked: Balancer = {
      ...balancer,
      close: async () => {
        this.balancers.delete(tracked);
        await balancer.close();
      },
    };
    this.balancers.add(tracked);
    return tracked;
  }

  /** Every port up front, in one go (so they are distinct); returns the main balancer's port. */
  private async allocatePorts(): Promise<number> {
    const totalNodes = this.options.nodes + Math.max(0, this.options.spareNodes ?? 0);
    const ports = await Promise.all(Array.from({ length: totalNodes }, () => freePort()));
    this.nodePorts = ports;
    return this.options.balancerPort ?? (await freePort());
  }

  get nodeUrls(): string[] {
    return this.nodePorts.map((port) => `http://127.0.0.1:${port}`);
  }

  private nodeEnv(index: number): Record<string, string> {
    return {
      NODE_ID: `node-${index + 1}`,
      AUTH_MODE: this.options.mode,
      AUTH_SECRET: this.secret,
      ADMIN_TOKEN: this.adminToken,
      // Scenarios log in hundreds of users from one IP on purpose.
      LOGIN_RATE_LIMIT: '0',
      // Logins are not what the scenarios measure; a cheaper scrypt keeps them from dominating
      // the run time on two cores (the node default is 16384).
      SCRYPT_COST: '4096',
      // The balancer (or HAProxy/nginx) runs on loopback: believe its X-Forwarded-For/-Proto.
      TRUST_PROXY: '127.0.0.1',
      ...(this.store ? storeEnv(this.store) : {}),
      ...(this.storeRelay && { REDIS_URL: `redis://127.0.0.1:${this.storeRelay.port}` }),
      ...this.options.env,
    };
  }

  /** A node keeps its port across restarts: the balancer's target list names it. */
  readonly startNode = async (index: number): Promise<void> => {
    const own = (proc: ManagedProcess) => this.owned.add(proc);
    const name = `node-${index + 1}`;
    const started = await startProcess(
      name,
      'node',
      this.nodeEnv(index),
      '/health',
      this.nodePorts[index]!,
      undefined,
      own,
    );
    this.nodeProcs[index] = started.proc;
  };

  readonly startBalancer = async (
    indexes: number[],
    strategy: StrategyName = this.strategy,
    interval = this.healthInterval,
    port?: number,
    kind: BalancerKind = this.balancerKind,
  ): Promise<Balancer> => {
    if (kind !== 'builtin') {
      return this.startExternal(kind, indexes, strategy, interval, port ?? (await freePort()));
    }
    const env = {
      TARGETS: indexes.map((i) => `http://127.0.0.1:${this.targetPort(i)}`).join(','),
      STRATEGY: strategy,
      HEALTH_INTERVAL: interval,
      ...this.options.balancerEnv,
    };
    // A fixed port (the classroom's) must not silently move; a picked one may.
    const nextPort = port !== undefined && port === this.options.balancerPort ? undefined : freePort;
    const own = (proc: ManagedProcess) => this.owned.add(proc);
    const host = this.options.balancerHost ?? '127.0.0.1';
    const started = await startProcess(
      'balancer',
      'balancer',
      env,
      '/__lb/stats',
      port ?? (await freePort()),
      nextPort,
      own,
      host,
    );
    const balancer: Balancer = {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${started.port}`,
      process: started.proc,
      close: async () => {
        this.balancers.delete(balancer);
        await started.proc.stop(1500);
      },
    };
    this.balancers.add(balancer);
    await waitAllUp(balancer.url, started.proc, `balancer ${balancer.url} to see all its targets up`);
    return balancer;
  };

  readonly close = async (): Promise<void> => {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.balancers].map((b) => b.close()));
    await Promise.all(this.nodeProcs.map((proc) => proc?.stop(2000)));
    await Promise.all([...this.owned].map((proc) => proc.kill()));
    await closeStore(this.store);
  };

  private async cpuMicros(): Promise<Record<string, number>> {
    const samples = await Promise.all(
      this.nodeUrls.map(async (url, i) => {
        const proc = this.nodeProcs[i];
        if (!proc || proc.exited) return undefined;
        const scraped = await scrapeCpuMicros(url);
        const micros = scraped?.micros ?? (await procCpuMicros(proc.pid));
        return micros === undefined ? undefined : ([`node-${i + 1}`, micros] as const);
      }),
    );
    return Object.fromEntries(samples.filter((s) => s !== undefined));
  }

  private pids(): number[] {
    const live = (proc: ManagedProcess | undefined): proc is ManagedProcess =>
      proc !== undefined && !proc.exited;
    return [
      ...this.nodeProcs.filter(live).map((p) => p.pid),
      ...[...this.balancers]
        .map((b) => b.process)
        .filter(live)
        .map((p) => p.pid),
      ...(this.store?.local?.pids() ?? []),
      ...(this.store?.sentinel?.pids() ?? []),
      ...(this.store?.redisCluster?.pids() ?? []),
      ...[this.storeRelay, this.clientRelay, ...this.nodeRelays].flatMap((relay) =>
        relay && !relay.process.exited ? [relay.process.pid] : [],
      ),
    ];
  }

  private partitionControls(): Pick<Cluster, 'partitionStore' | 'healStore' | 'partitionNode' | 'healNode'> {
    if (!this.partitions) return {};
    const relay = this.storeRelay;
    const nodeRelay = (index: number) => {
      const found = this.nodeRelays[index];
      if (!found) throw new Error(`node ${index + 1} has no relay to partition`);
      return found;
    };
    return {
      ...(relay && { partitionStore: () => relay.partition(), healStore: () => relay.heal() }),
      partitionNode: (index) => nodeRelay(index).partition(),
      healNode: (index) => nodeRelay(index).heal(),
    };
  }

  toCluster(): Cluster {
    const store = this.store!;
    const options = this.options;
    const cannotStopRedis = whyStoreIsNotControllable(store, options);
    const main = options.balancer === false ? undefined : [...this.balancers][0];
    return {
      mode: options.mode,
      strategy: this.strategy,
      balancerKind: this.balancerKind,
      options,
      url: this.clientRelay ? `http://127.0.0.1:${this.clientRelay.port}` : (main?.url ?? ''),
      network: this.network,
      ...(this.clientRelay && { measureNetwork: () => this.measureLinks() }),
      nodeUrls: this.nodeUrls,
      nodeIds: this.nodeUrls.map((_, i) => `node-${i + 1}`),
      secret: this.secret,
      adminToken: this.adminToken,
      store: store.kind,
      ...(store.note !== undefined && { storeNote: store.note }),
      ...(store.redisUrl !== undefined && { redisUrl: store.redisUrl }),
      ...(store.sentinel !== undefined && { sentinels: store.sentinel.sentinels }),
      ...(store.redisCluster !== undefined && {
        clusterNodes: store.redisCluster.nodes,
        shards: () => store.redisCluster!.shards(),
      }),
      ...(cannotStopRedis !== undefined && { cannotStopRedis }),
      killNode: async (index) => {
        await this.nodeProcs[index]?.kill();
      },
      restartNode: async (index) => {
        const proc = this.nodeProcs[index];
        if (proc && !proc.exited) return;
        await this.startNode(index);
      },
      nodeRunning: (index) => {
        const proc = this.nodeProcs[index];
        return proc !== undefined && !proc.exited;
      },
      ...storeControls(store, cannotStopRedis),
      ...this.partitionControls(),
      cpuMicros: () => this.cpuMicros(),
      redisCommandCount: async () => (store.admin ? store.admin.commandCount() : 0),
      redisSessionBytes: async () => (await store.admin?.keyBytes?.(`${SESSION_KEY_PREFIX}*`)) ?? null,
      startBalancer: (indexes, strategy, interval, port, kind) =>
        this.startBalancer(indexes, strategy, interval, port, kind),
      storeEvents: () => store.sentinel?.events() ?? [],
      pids: () => this.pids(),
      close: this.close,
    };
  }
}
