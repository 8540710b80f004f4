import { EventEmitter } from 'node:events';
import type { StrategyName } from '../balancer/config.ts';
import { type RunMode, runModeOptions, runNeedsStore } from '../cluster/run-modes.ts';
import { type Balancer, type Cluster, startCluster } from '../cluster/start-cluster.ts';
import type { ErrorCode } from '../lib/error-codes.ts';
import { AuthscaleError } from '../lib/errors.ts';
import { redisServerPath } from '../lib/redis-server.ts';

/**
 * The students' page lives under this prefix on the balancer's origin: the balancer passes it to
 * the console (PATH_ROUTES) and everything else to the nodes, so a phone's page and its
 * /auth and /api requests are first-party to one origin — no CORS, no preflight taking a turn in
 * the rotation, no change to the nodes' cookie and CSRF rules.
 */
export const JOIN_PREFIX = '/join';

/** How long the classroom balancer keeps an idle client connection open. */
export const CLIENT_KEEP_ALIVE = '120s';

/** What the teacher picks: the shape of the running cluster. */
export interface Setup {
  mode: RunMode;
  strategy: StrategyName;
  nodes: number;
  /** The store's topology in the Redis modes; absent means one redis-server ('single'). */
  redis?: ClassroomRedis;
}

/** The topologies the classroom offers: Redis Cluster needs six servers, too many for a lesson. */
export const CLASSROOM_REDIS = ['single', 'sentinel'] as const;
export type ClassroomRedis = (typeof CLASSROOM_REDIS)[number];

/** The topology a set-up runs (absent: single). */
export function redisOf(setup: Setup): ClassroomRedis {
  return setup.redis ?? 'single';
}

/** The step a control is at, for the page's transition view. */
export type Step =
  | 'starting-cluster'
  | 'swapping-balancer'
  | 'stopping-old'
  | 'killing-node'
  | 'starting-node'
  | 'stopping-store'
  | 'starting-store'
  | 'stopping-primary'
  | 'rejoining-replica';

export interface Applying {
  action: string;
  step: Step;
  /** ms since the epoch. */
  since: number;
}

export interface LiveClusterOptions {
  setup: Setup;
  /** The balancer's fixed port: slides and students' browsers name it, so it never moves. */
  balancerPort: number;
  /** Where the balancer listens (`--lan`: the students' network); default 127.0.0.1. */
  balancerHost?: string;
  /** The console's origin for the students' `/join` page, served on the balancer's origin. */
  joinOrigin?: string;
  healthInterval?: string;
  /** Passed to the launcher ('' forces a private redis-server even when REDIS_URL is set). */
  redisUrl?: string;
  env?: Record<string, string>;
}

/**
 * The classroom's one running cluster and every change to it. One change at a time (`run`); the
 * route answers 409 while one is applying.
 *
 * Reconfiguring (mode, nodes): the new nodes (and Redis) start fully beside the old cluster, which
 * keeps serving meanwhile; then the balancer is swapped on the same fixed port (the old one stops,
 * the new one starts in front of the new nodes), then the old cluster closes. The fixed port is
 * unreachable only for the balancer's own start (about a second), never for a whole cluster
 * start, and a failure at any step leaves the old cluster running (the balancer is put back).
 * A strategy change swaps only the balancer: the nodes and their sessions stay.
 *
 * Events: 'change' (anything the state view shows), 'swapped' ({ freshNodes }) after a new
 * cluster or balancer took over, 'pause'/'resume' around the moment the fixed port is down.
 */
export class LiveCluster extends EventEmitter {
  private current: Cluster;
  private balancer: Balancer;
  private currentSetup: Setup;
  private storeRunning: boolean;
  private busy: Applying | undefined;
  private closed = false;
  /** Per node: when its process was last killed or (re)started (ms), for the routing view. */
  private nodeChanged: number[] = [];
  /** When the balancer on the fixed port was last replaced: earlier polls describe another one. */
  private balancerSince = Date.now();
  /** Bumps whenever the counters must start again (new nodes or a new balancer). */
  generation = 1;
  lastError: { code: ErrorCode; message: string } | undefined;

  private readonly options: LiveClusterOptions;

  private constructor(options: LiveClusterOptions, cluster: Cluster, balancer: Balancer) {
    super();
    this.options = options;
    this.current = cluster;
    this.balancer = balancer;
    this.currentSetup = options.setup;
    this.storeRunning = cluster.store !== 'none';
  }

  static async start(options: LiveClusterOptions): Promise<LiveCluster> {
    assertStoreAvailable(options.setup.mode, options.redisUrl);
    const cluster = await launchNodes(options, options.setup);
    try {
      const balancer = await startFixedBalancer(cluster, options, options.setup.strategy);
      return new LiveCluster(options, cluster, balancer);
    } catch (error) {
      await cluster.close();
      throw error;
    }
  }

  get setup(): Setup {
    return this.currentSetup;
  }

  get cluster(): Cluster {
    return this.current;
  }

  get balancerUrl(): string {
    const host = this.options.balancerHost ?? '127.0.0.1';
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.options.balancerPort}`;
  }

  get redisUrl(): string | undefined {
    return this.options.redisUrl;
  }

  get applying(): Applying | undefined {
    return this.busy;
  }

  get storeUp(): boolean {
    return this.storeRunning;
  }

  /**
   * Starts `work` as the one applying change, or returns false when another is still applying.
   * The returned promise settles when the work is over; failures end up in `lastError`.
   */
  tryRun(
    action: string,
    step: Step,
    work: (setStep: (step: Step) => void) => Promise<void>,
  ): Promise<void> | false {
    if (this.busy || this.closed) return false;
    this.busy = { action, step, since: Date.now() };
    this.lastError = undefined;
    this.emit('change');
    const setStep = (next: Step) => {
      if (this.busy) this.busy = { ...this.busy, step: next };
      this.emit('change');
    };
    return work(setStep)
      .catch((error: unknown) => {
        this.lastError =
          error instanceof AuthscaleError
            ? { code: error.code, message: error.message }
            : {
                code: 'ERR_APPLY_FAILED',
                message: error instanceof Error ? error.message.split('\n')[0]! : String(error),
              };
      })
      .finally(() => {
        this.busy = undefined;
        this.emit('change');
      });
  }

  /** New mode or node count: a whole new cluster, swapped in behind the same balancer port. */
  async reconfigure(next: Setup, setStep: (step: Step) => void): Promise<void> {
    const sameStore = redisOf(next) === redisOf(this.currentSetup);
    if (next.mode === this.currentSetup.mode && next.nodes === this.currentSetup.nodes && sameStore) {
      if (next.strategy !== this.currentSetup.strategy) await this.swapStrategy(next.strategy, setStep);
      return;
    }
    assertStoreAvailable(next.mode, this.options.redisUrl);
    setStep('starting-cluster');
    const fresh = await launchNodes(this.options, next);
    setStep('swapping-balancer');
    const old = this.current;
    try {
      await this.swapBalancer(fresh, next.strategy);
    } catch (error) {
      await fresh.close();
      throw error;
    }
    this.current = fresh;
    this.currentSetup = next;
    this.storeRunning = fresh.store !== 'none';
    this.nodeChanged = [];
    this.generation++;
    this.emit('swapped', { freshNodes: true });
    setStep('stopping-old');
    await old.close();
  }

  /** Same nodes (sessions survive), a balancer with another strategy. */
  async swapStrategy(strategy: StrategyName, setStep: (step: Step) => void): Promise<void> {
    setStep('swapping-balancer');
    await this.swapBalancer(this.current, strategy);
    this.currentSetup = { ...this.currentSetup, strategy };
    this.generation++;
    this.emit('swapped', { freshNodes: false });
  }

  /**
   * Stops the balancer on the fixed port and starts one in front of `nodes`; if that fails the
   * previous balancer (old nodes, old strategy) is started again, so the port never stays dark.
   */
  private async swapBalancer(nodes: Cluster, strategy: StrategyName): Promise<void> {
    this.emit('pause');
    try {
      await this.balancer.close();
      try {
        this.balancer = await startFixedBalancer(nodes, this.options, strategy);
      } catch (error) {
        this.balancer = await startFixedBalancer(this.current, this.options, this.currentSetup.strategy);
        throw error;
      } finally {
        this.balancerSince = Date.now();
      }
    } finally {
      this.emit('resume');
    }
  }

  /** Kills the node's process and waits until the balancer no longer routes to it. */
  async killNode(index: number): Promise<void> {
    await this.current.killNode(index);
    this.nodeChanged[index] = Date.now();
    await this.waitTargetRouted(index, false);
  }

  /** Restarts a killed node and waits until the balancer routes to it again. */
  async restartNode(index: number): Promise<void> {
    await this.current.restartNode(index);
    this.nodeChanged[index] = Date.now();
    await this.waitTargetRouted(index, true);
  }

  /**
   * When the node's process last changed (or the balancer was replaced): a `/__lb/stats` poll
   * sent before this says nothing about the current process.
   */
  changedAt(index: number): number {
    return Math.max(this.balancerSince, this.nodeChanged[index] ?? 0);
  }

  async stopStore(): Promise<void> {
    await this.current.stopRedis();
    this.storeRunning = false;
  }

  async startStore(): Promise<void> {
    await this.current.startRedis();
    this.storeRunning = true;
  }

  nodeRunning(index: number): boolean {
    return this.current.nodeRunning(index);
  }

  /** Polls `/__lb/stats` (each poll sent after the change) until target `index` is `up` or 20 s pass. */
  private async waitTargetRouted(index: number, up: boolean): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !this.closed) {
      const routed = await fetch(`${this.balancerUrl}/__lb/stats`, { signal: AbortSignal.timeout(1000) })
        .then((r) => r.json() as Promise<{ targets?: { up?: boolean }[] }>)
        .then((stats) => stats.targets?.[index]?.up === true)
        .catch(() => !up);
      if (routed === up) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.current.close();
  }
}

/** A store mode without any Redis would silently run stateless: refuse it instead. */
export function assertStoreAvailable(mode: RunMode, redisUrl: string | undefined): void {
  const external = redisUrl ?? process.env.REDIS_URL;
  if (runNeedsStore(mode) && !external && !redisServerPath()) {
    throw new AuthscaleError(
      'ERR_NO_STORE',
      `${mode} needs Redis: install redis-server (apt-get install -y redis-server) or set REDIS_URL`,
    );
  }
}

function launchNodes(options: LiveClusterOptions, setup: Setup): Promise<Cluster> {
  return startCluster({
    ...runModeOptions(setup.mode),
    ...(setup.redis === 'sentinel' && { redis: 'sentinel' as const }),
    nodes: setup.nodes,
    strategy: setup.strategy,
    balancer: false,
    balancerPort: options.balancerPort,
    // Idle keep-alive connections stay open, as with browsers and L4 balancers (Node's server
    // default, 5 s, would re-open a quiet user's connection and blur the per-connection lesson).
    balancerEnv: {
      KEEP_ALIVE_TIMEOUT: CLIENT_KEEP_ALIVE,
      ...(options.joinOrigin !== undefined && { PATH_ROUTES: `${JOIN_PREFIX}=${options.joinOrigin}` }),
    },
    ...(options.balancerHost !== undefined && { balancerHost: options.balancerHost }),
    healthInterval: options.healthInterval ?? '500ms',
    ...(options.redisUrl !== undefined && { redisUrl: options.redisUrl }),
    ...(options.env !== undefined && { env: options.env }),
  });
}

function startFixedBalancer(cluster: Cluster, options: LiveClusterOptions, strategy: StrategyName) {
  const all = cluster.nodeIds.map((_, i) => i);
  return cluster.startBalancer(all, strategy, options.healthInterval ?? '500ms', options.balancerPort);
}
