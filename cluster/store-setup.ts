import { redisServerPath } from '../lib/redis-server.ts';
import { RedisAdmin } from './redis-commands.ts';
import {
  type LocalRedis,
  REDIS_FIX,
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
  admin?: RedisAdmin;
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

/** Fault controls over the store: stop/start (keys are lost) and pause/resume (CLIENT PAUSE-like). */
export function storeControls(store: StoreSetup, cannotStop: string | undefined) {
  return {
    stopRedis: async (): Promise<void> => {
      if (store.local) return store.local.stop();
      if (store.sentinel) {
        const port = await store.sentinel.currentPrimaryPort();
        const victim = [store.sentinel.primary, store.sentinel.replica].find((r) => r.port === port);
        return victim?.stop(true);
      }
      throw new Error(cannotStop);
    },
    startRedis: async (): Promise<void> => {
      if (store.local) return store.local.start();
      if (store.sentinel) {
        await Promise.all([store.sentinel.primary.start(), store.sentinel.replica.start()]);
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

export async function closeStore(store: StoreSetup | undefined): Promise<void> {
  await store?.admin?.close();
  await Promise.all([store?.local?.stop(), store?.sentinel?.close()]);
}
