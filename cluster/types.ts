import type { StrategyName } from '../balancer/config.ts';
import type { AuthMode } from '../nodes/config.ts';
import type { BalancerKind } from './external-balancers/kinds.ts';
import type { ManagedProcess } from './processes.ts';
import type { ClusterShard } from './redis-cluster.ts';
import type { NetworkFigures, ShapedNetworkOptions } from './shaped-network.ts';

export type StoreKind = 'none' | 'single' | 'sentinel' | 'cluster' | 'external';

/** `--redis`: one redis-server, primary + replica under Sentinel, or a Redis Cluster (3 + 3). */
export const REDIS_TOPOLOGIES = ['single', 'sentinel', 'cluster'] as const;
export type RedisTopology = (typeof REDIS_TOPOLOGIES)[number];

export class StoreUnavailableError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.reason = reason;
    this.name = 'StoreUnavailableError';
  }
}

export interface ClusterOptions {
  mode: AuthMode;
  nodes: number;
  strategy?: StrategyName;
  /** Redis topology when the mode uses a store and no REDIS_URL is given. Default 'single'. */
  redis?: RedisTopology;
  /** jwt only: false runs stateless even when Redis is available. Default true. */
  jwtStore?: boolean;
  /** Balancer active health-check period (`250ms` format). Default 250ms. */
  healthInterval?: string;
  /** Extra node env (e.g. ACCESS_TOKEN_TTL); wins over the launcher's own settings. */
  env?: Record<string, string>;
  /** false: nodes only (scale starts its own balancers with startBalancer). Default true. */
  balancer?: boolean;
  /** Which balancer fronts the nodes: ours or a real HAProxy / nginx from PATH. Default 'builtin'. */
  balancerKind?: BalancerKind;
  /** Extra env for our own balancer (e.g. KEEP_ALIVE_TIMEOUT); ignored by HAProxy / nginx. */
  balancerEnv?: Record<string, string>;
  /**
   * Address our own balancer listens on (the classroom's `--lan`: students' phones reach it).
   * Default 127.0.0.1; the nodes always stay on loopback.
   */
  balancerHost?: string;
  /** Fixed port for the main balancer (the classroom names it on slides). Default: a free port. */
  balancerPort?: number;
  /**
   * Extra nodes started beside the `nodes` the main balancer fronts, for scale to put its own
   * balancers in front of 1…N of them without paying node start-up again. Default 0.
   */
  spareNodes?: number;
  /** Overrides process.env.REDIS_URL (tests pass '' to force a private redis-server). */
  redisUrl?: string;
  /** `--network shaped`: latency relays on the store and client links. Default: plain loopback. */
  network?: ShapedNetworkOptions;
  /**
   * How the failure scenarios fail a link: `stop` (default) stops the process, whose port then
   * refuses; `partition` puts a relay (cluster/latency-relay.ts) on the node↔store link and on each
   * balancer↔node link that can hold every byte: packets vanish, nothing is refused.
   */
  fault?: FaultKind;
}

export const FAULT_KINDS = ['stop', 'partition'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Balancer {
  readonly url: string;
  readonly process: ManagedProcess;
  close(): Promise<void>;
}

export interface Cluster {
  readonly mode: AuthMode;
  readonly strategy: StrategyName;
  readonly balancerKind: BalancerKind;
  readonly options: ClusterOptions;
  /** The balancer's URL ('' when started with balancer: false). */
  readonly url: string;
  readonly nodeUrls: string[];
  readonly nodeIds: string[];
  /**
   * `network: shaped`: measures the links again now and replaces their figures in `network` (the
   * demo does so just before its load rounds, alone on the machine); undefined otherwise.
   */
  measureNetwork?(): Promise<void>;
  readonly secret: string;
  /** Random token enabling the nodes' POST /__admin/crash (x-admin-token). */
  readonly adminToken: string;
  readonly store: StoreKind;
  /** Why the store is what it is (e.g. jwt without Redis runs stateless), for reports. */
  readonly storeNote?: string;
  readonly redisUrl?: string;
  readonly sentinels?: { host: string; port: number }[];
  /** Redis Cluster seed nodes (the nodes' REDIS_CLUSTER_NODES). */
  readonly clusterNodes?: { host: string; port: number }[];
  /** Redis Cluster: the shards as the cluster reports them now; undefined for other stores. */
  shards?(): Promise<ClusterShard[]>;
  /** Redis Cluster: the shard whose primary stopRedis() killed last, until startRedis(). */
  killedShard?(): ClusterShard | undefined;
  killNode(index: number): Promise<void>;
  restartNode(index: number): Promise<void>;
  /** True while the node's process runs (it may still be starting). */
  nodeRunning(index: number): boolean;
  /** `fault: partition`: nothing crosses the node↔store link until healStore(); undefined otherwise. */
  partitionStore?(): Promise<void>;
  healStore?(): Promise<void>;
  /** `fault: partition`: nothing crosses the balancer↔node link of node `index` until healNode(). */
  partitionNode?(index: number): Promise<void>;
  healNode?(index: number): Promise<void>;
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
  /** Session keys in Redis and the median bytes of a sample (null without a store). */
  redisSessionBytes(): Promise<{ keys: number; medianBytes: number | null } | null>;
  /**
   * Another balancer in front of the given nodes (scale: 1…N behind the same node set). `port`:
   * a fixed port (the classroom swaps its balancer on `balancerPort`); default a free one.
   */
  startBalancer(
    nodeIndexes: number[],
    strategy?: StrategyName,
    healthInterval?: string,
    port?: number,
    /** Default: the cluster's own kind (`balancerKind`). */
    kind?: BalancerKind,
  ): Promise<Balancer>;
  /** The network the cluster runs on, with each shaped link's configured and measured RTT. */
  readonly network: NetworkFigures;
  /** Failover events the store logged (Sentinel: +switch-master …), oldest first; [] otherwise. */
  storeEvents(): string[];
  /** Pids of every live process of this cluster. */
  pids(): number[];
  close(): Promise<void>;
}
