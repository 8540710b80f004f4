import type { ClusterShard } from '../../cluster/redis-cluster.ts';
import type { RunMode } from '../../cluster/run-modes.ts';
import type { Cluster, ClusterOptions, StoreKind } from '../../cluster/start-cluster.ts';
import type { AuthMode } from '../../nodes/config.ts';
import type { ClientAddressKind } from '../client/source-addresses.ts';
import type { Strategy } from './types.ts';

/** Knobs every scenario reads; `quick` picks the small end of each scenario's own defaults. */
export interface ScenarioOptions {
  /** Virtual users (relogin, node-failure, store-failure) and load connections. */
  users: number;
  /** Authenticated requests per user (relogin, scale). */
  requests: number;
  /** Seconds per timed phase (load runs, failure runs). */
  durationSeconds: number;
  quick: boolean;
  /** scale: node counts to try. */
  scaleNodes?: number[];
  /** load: offered rate of the fixed-rate run, req/s. */
  rate?: number;
  /** capacity: add the 1M population (`--full`). */
  full?: boolean;
  /** load: measured rounds (the demo interleaves them across runs instead). Default 1. */
  loadRounds?: number;
  /** Virtual users connect from their own loopback address (`many`) or all from one (`one`, the default here). */
  clientAddresses?: ClientAddressKind;
}

/**
 * A store outage a scenario can cause: kill Redis, kill the Sentinel primary, CLIENT PAUSE, or cut
 * the node↔store link (partition: Redis keeps running and keeps its keys).
 */
export interface StoreOutage {
  kind: 'stop' | 'failover' | 'pause' | 'partition';
  /** Starts the outage; `plannedMs` is how long it should last (CLIENT PAUSE needs it up front). */
  begin(plannedMs: number): Promise<void>;
  /** Ends it (restart Redis / bring the old primary back); a no-op for pause, which ends itself. */
  end(): Promise<void>;
  /** Redis Cluster: the shard whose primary begin() killed. */
  shard?(): ClusterShard | undefined;
}

/**
 * What a scenario sees of a cluster: the same for the embedded launcher and for `--target` (an
 * already running cluster, e.g. docker compose), where some controls are missing and say why.
 */
export interface ScenarioContext {
  url: string;
  /** The node AUTH_MODE: branch on this for credentials (`jwt` covers both jwt runs). */
  mode: AuthMode;
  /** The demo run name (results[].mode): jwt is stateless, jwt-redis has a store. */
  run: RunMode;
  strategy: Strategy;
  nodes: number;
  /** True under --target: nothing was launched by us. */
  target: boolean;
  /** AUTH_SECRET when known (we launched the cluster or were given it). */
  secret?: string;
  store: StoreKind;
  storeNote?: string;
  /** Crashes a node; resolves to the id of the node that went down. */
  killNode?: (index: number) => Promise<string | undefined>;
  restartNode?: (index: number) => Promise<void>;
  cannotKillNode?: string;
  /** `--fault partition`: cut the balancer↔node link of a node instead of killing it, and heal it. */
  partitionNode?: (index: number) => Promise<string | undefined>;
  healNode?: (index: number) => Promise<void>;
  outage?: StoreOutage;
  cannotStopStore?: string;
  /** Redis commands that are app work so far (0 without a store or when unknown). */
  storeCommandCount(): Promise<number>;
  /** CPU µs per node id, as far as it can be observed. */
  cpuMicros(): Promise<Record<string, number>>;
  /** How the cluster was launched (scale starts its own with more nodes); undefined under --target. */
  launch?: ClusterOptions;
  /** The embedded cluster itself (scale reuses its spare nodes); undefined under --target. */
  cluster?: Cluster;
}

/** The run name of a cluster: jwt with a store is jwt-redis. */
export function runModeOf(mode: AuthMode, hasStore: boolean): RunMode {
  return mode === 'jwt' && hasStore ? 'jwt-redis' : mode;
}

/**
 * The scenario view of an embedded cluster. `front` is another balancer started over the same
 * nodes (the demo runs memory + round-robin and memory + sticky on one node set).
 */
export function contextFromCluster(
  cluster: Cluster,
  front: { url: string; strategy: Strategy } = cluster,
): ScenarioContext {
  const { partitionStore, healStore, partitionNode, healNode } = cluster;
  const outage: StoreOutage | undefined =
    partitionStore && healStore
      ? { kind: 'partition', begin: () => partitionStore(), end: () => healStore() }
      : cluster.cannotStopRedis !== undefined
        ? undefined
        : {
            kind: cluster.store === 'sentinel' || cluster.store === 'cluster' ? 'failover' : 'stop',
            begin: () => cluster.stopRedis(),
            end: () => cluster.startRedis(),
            ...(cluster.killedShard && { shard: cluster.killedShard }),
          };
  return {
    url: front.url,
    mode: cluster.mode,
    run: runModeOf(cluster.mode, cluster.store !== 'none'),
    strategy: front.strategy,
    nodes: cluster.options.nodes,
    target: false,
    secret: cluster.secret,
    store: cluster.store,
    ...(cluster.storeNote !== undefined && { storeNote: cluster.storeNote }),
    killNode: async (index) => {
      await cluster.killNode(index);
      return cluster.nodeIds[index];
    },
    restartNode: (index) => cluster.restartNode(index),
    ...(partitionNode &&
      healNode && {
        partitionNode: async (index: number) => {
          await partitionNode(index);
          return cluster.nodeIds[index];
        },
        healNode,
      }),
    ...(outage !== undefined && { outage }),
    ...(cluster.cannotStopRedis !== undefined && { cannotStopStore: cluster.cannotStopRedis }),
    storeCommandCount: () => cluster.redisCommandCount(),
    // Only the nodes behind the main balancer (spare nodes belong to scale).
    cpuMicros: async () => {
      const served = new Set(cluster.nodeIds.slice(0, cluster.options.nodes));
      return Object.fromEntries(Object.entries(await cluster.cpuMicros()).filter(([id]) => served.has(id)));
    },
    launch: { ...cluster.options, strategy: front.strategy },
    cluster,
  };
}
