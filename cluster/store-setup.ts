import { redisServerPath } from '../lib/redis-server.ts';
import { type ClusterShard, type RedisClusterTopology, startRedisCluster } from './redis-cluster.ts';
import { ClusterAdmin, RedisAdmin, type StoreAdmin } from './redis-commands.ts';
import {
  type LocalRedis,
  REDIS_FIX,
  rejoinAsReplica,
  type SentinelTopology,
  startLocalRedis,
  startSentinelTopology,
} from './redis-local.ts';
import { type ClusterOptions, type StoreKind, StoreUnavailableError } from './types.ts';

/**
 * Store policy (documented in docs/scenarios-reference.md):
 * - `redis` needs Redis: REDIS_URL if set (an external Redis we cannot stop), else `redis-server`
 *   from PATH on a free port with persistence off; if neither exists the launcher throws
 *   StoreUnavailableError and the caller reports the run as skipped with the reason and the fix.
 * - `jwt` uses Redis the same way unless `jwtStore: false` (refresh rotation + reuse detection and
 *   the access-token denylist). With `jwtStore: true` (the `jwt-redis` run) Redis is required, as
 *   for `redis`: no silent fallback to stateless. Left unset, it runs stateless when no Redis is
 *   available (`kind: 'none'`) and says so.
 * - `memory` never starts Redis.
 */
export interface StoreSetup {
  kind: StoreKind;
  note?: string;
  redisUrl?: string;
  local?: LocalRedis;
  sentinel?: SentinelTopology;
  redisCluster?: RedisClusterTopology;
  admin?: StoreAdmin;
}

export async function setUpStore(options: ClusterOptions): Promise<StoreSetup> {
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
    if (options.mode === 'redis' || options.jwtStore === true) throw new StoreUnavailableError(reason);
    return { kind: 'none', note: `jwt runs stateless (no refresh rotation or denylist): ${reason}` };
  }
  if (options.redis === 'cluster') {
    const redisCluster = await startRedisCluster();
    const primaries = async () => (await redisCluster.shards()).map((shard) => shard.primary);
    return { kind: 'cluster', redisCluster, admin: new ClusterAdmin(primaries) };
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

/** The node env that points a node at the store. */
export function storeEnv(store: StoreSetup): Record<string, string> {
  if (store.redisCluster) {
    return { REDIS_CLUSTER_NODES: store.redisCluster.nodes.map((n) => `${n.host}:${n.port}`).join(',') };
  }
  if (store.sentinel) {
    return {
      REDIS_SENTINELS: store.sentinel.sentinels.map((s) => `${s.host}:${s.port}`).join(','),
      REDIS_MASTER_NAME: store.sentinel.masterName,
    };
  }
  return store.redisUrl ? { REDIS_URL: store.redisUrl } : {};
}

/** Why the store cannot be stopped and started by us, or undefined when it can. */
export function whyStoreIsNotControllable(store: StoreSetup, options: ClusterOptions): string | undefined {
  if (store.kind === 'none') return `${options.mode} mode runs without a store here`;
  if (store.kind === 'external') {
    return 'REDIS_URL points at a Redis this launcher did not start, so it cannot stop it (unset REDIS_URL to use a private redis-server)';
  }
  return undefined;
}

/** Sentinel: the primary we killed, back as the replica of the one that took over (`promoted`). */
async function rejoinKilledPrimary(sentinel: SentinelTopology, killedPort: number, promoted: number) {
  const killed = [sentinel.primary, sentinel.replica].find((r) => r.port === killedPort);
  if (!killed) return;
  await rejoinAsReplica(killed, promoted, {
    noPromotion: ['--replica-priority', '0'],
    allowPromotion: 'CONFIG SET replica-priority 100',
    timeoutMs: FAILOVER_DEADLINE_MS,
  });
}

/** Fault controls over the store: stop/start (keys are lost) and pause/resume (CLIENT PAUSE-like). */
export function storeControls(store: StoreSetup, cannotStop: string | undefined) {
  /** Sentinel: the primary we killed, until the failover replaced it. */
  let killedPort: number | undefined;
  /** Redis Cluster: the shard whose primary we killed. */
  let killedShard: ClusterShard | undefined;
  return {
    killedShard: () => killedShard,
    stopRedis: async (): Promise<void> => {
      if (store.local) return store.local.stop();
      // One shard's primary (the middle one by slot order): the other two shards keep serving.
      if (store.redisCluster) {
        killedShard = await store.redisCluster.killPrimary(1);
        return;
      }
      if (store.sentinel) {
        const port = await store.sentinel.currentPrimaryPort();
        const victim = [store.sentinel.primary, store.sentinel.replica].find((r) => r.port === port);
        killedPort = victim?.port;
        return victim?.stop(true);
      }
      throw new Error(cannotStop);
    },
    startRedis: async (): Promise<void> => {
      if (store.local) return store.local.start();
      if (store.redisCluster) {
        // As with Sentinel: only once the replica owns the shard's slots (see restartStopped).
        if (killedShard) await store.redisCluster.waitForPromotion(killedShard, FAILOVER_DEADLINE_MS);
        killedShard = undefined;
        return store.redisCluster.restartStopped();
      }
      if (store.sentinel) {
        // Only once every sentinel knows the replica took over, and then as ITS replica: a
        // non-persistent primary back as a primary is empty and would wipe it (waitForPromotion).
        const { primary, replica } = store.sentinel;
        if (killedPort !== undefined) {
          const promoted = await store.sentinel.waitForPromotion(killedPort, FAILOVER_DEADLINE_MS);
          const port = killedPort;
          killedPort = undefined;
          await rejoinKilledPrimary(store.sentinel, port, promoted);
        }
        await Promise.all([primary.start(), replica.start()]);
        return;
      }
      throw new Error(cannotStop);
    },
    pauseRedis: (): void => {
      store.local?.pause();
      store.sentinel?.primary.pause();
    },
    resumeRedis: (): void => {
      store.local?.resume();
      store.sentinel?.primary.resume();
    },
  };
}

/** Longest a Sentinel failover may take before startRedis gives up (down-after 1 s + election). */
export const FAILOVER_DEADLINE_MS = 30_000;

export async function closeStore(store: StoreSetup | undefined): Promise<void> {
  await store?.admin?.close();
  await Promise.all([store?.local?.stop(), store?.sentinel?.close(), store?.redisCluster?.close()]);
}
