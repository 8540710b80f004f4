import { scrapeCpuMicros } from '../../cluster/node-cpu.ts';
import { RedisAdmin } from '../../cluster/redis-commands.ts';
import { AUTH_MODES, type AuthMode } from '../../nodes/config.ts';
import { createAgent, send, VirtualUser } from '../client/http.ts';
import { runModeOf, type ScenarioContext } from './context.ts';
import type { Strategy } from './types.ts';

/**
 * `--target URL`: scenarios against a cluster someone else started (docker compose). We cannot
 * SIGKILL its processes, so:
 * - node-failure uses the node's own `POST /__admin/crash` when ADMIN_TOKEN is given (the route
 *   exists only when the nodes run with the same ADMIN_TOKEN), else it is skipped. The request goes
 *   straight to the node when TARGET_NODES lists the node URLs (docker compose: the balancer
 *   refuses /__admin/* unless ADMIN_PASSTHROUGH=1), else through the balancer;
 * - store-failure uses `CLIENT PAUSE <ms> ALL` on REDIS_URL (every node's store calls hang, time out
 *   and fail; Redis resumes by itself), else it is skipped;
 * - CPU per node is read from /metrics through the balancer (grouped by x-node-id);
 * - the mode comes from the login response and, for jwt, whether the nodes have a store from
 *   /health (`store: "none"` = the stateless `jwt` run, else `jwt-redis`); strategy and node count
 *   from /__lb/stats.
 */
export interface TargetSettings {
  adminToken?: string;
  redisUrl?: string;
  secret?: string;
  strategy?: Strategy;
  nodes?: number;
  /** The nodes' own URLs (TARGET_NODES), for the crash route; index i crashes node i. */
  nodeUrls?: string[];
}

export interface TargetContext extends ScenarioContext {
  close(): Promise<void>;
}

/** The store state a node reports on /health (`none` = stateless jwt), through the balancer. */
async function discoverStore(url: string): Promise<string | undefined> {
  const agent = createAgent(1);
  try {
    const reply = await send(url, agent, { path: '/health', timeoutMs: 2000 });
    const store = reply.body?.store;
    return typeof store === 'string' ? store : undefined;
  } finally {
    await agent.close();
  }
}

async function discoverMode(url: string): Promise<AuthMode> {
  const agent = createAgent(2);
  try {
    const probe = new VirtualUser('alice', url, agent);
    const reply = await probe.login();
    if (reply.status === 0) throw new Error(`cannot reach ${url}: ${reply.error}`);
    const mode = reply.body?.mode;
    if (
      reply.status !== 200 ||
      typeof mode !== 'string' ||
      !(AUTH_MODES as readonly string[]).includes(mode)
    ) {
      throw new Error(`${url} does not look like an authscale cluster (login answered ${reply.status})`);
    }
    await probe.logout();
    return mode as AuthMode;
  } finally {
    await agent.close();
  }
}

async function lbStats(url: string): Promise<{ strategy?: string; targets?: unknown[] } | undefined> {
  const agent = createAgent(1);
  try {
    const reply = await send(url, agent, { path: '/__lb/stats', timeoutMs: 2000 });
    return reply.status === 200 ? (reply.body as { strategy?: string; targets?: unknown[] }) : undefined;
  } finally {
    await agent.close();
  }
}

/** POST /__admin/crash through the balancer (or to the nodes named in TARGET_NODES, in turn). */
function crashThroughAdmin(url: string, adminToken: string, nodeUrls: string[] | undefined) {
  return async (index: number) => {
    const agent = createAgent(1);
    const crashUrl = nodeUrls?.length ? nodeUrls[index % nodeUrls.length]!.replace(/\/+$/, '') : url;
    try {
      const reply = await send(crashUrl, agent, {
        method: 'POST',
        path: '/__admin/crash',
        headers: { 'x-admin-token': adminToken },
      });
      if (reply.status !== 202)
        throw new Error(`POST /__admin/crash answered ${reply.status} ${reply.code ?? ''}`);
      const node = reply.body?.node;
      return typeof node === 'string' ? node : reply.nodeId;
    } finally {
      await agent.close();
    }
  };
}

/** Why the store cannot be failed under --target, or undefined when it can (CLIENT PAUSE). */
function storeMissingReason(
  mode: AuthMode,
  hasStore: boolean,
  admin: RedisAdmin | undefined,
): string | undefined {
  if (mode === 'memory') return 'memory mode has no store';
  if (!hasStore) return 'the target runs jwt without a store (stateless): nothing to fail';
  if (admin) return undefined;
  return 'under --target the store can only be failed through Redis itself: set REDIS_URL to the cluster Redis (CLIENT PAUSE)';
}

/** Node CPU through the balancer: enough scrapes that round-robin reaches every node at least once. */
function cpuThroughBalancer(url: string, nodes: number) {
  return async () => {
    const seen: Record<string, number> = {};
    for (let i = 0; i < nodes * 2 && Object.keys(seen).length < nodes; i++) {
      const sample = await scrapeCpuMicros(url);
      if (sample) seen[sample.nodeId] = sample.micros;
    }
    return seen;
  };
}

export async function connectTarget(rawUrl: string, settings: TargetSettings = {}): Promise<TargetContext> {
  const url = rawUrl.replace(/\/+$/, '');
  const mode = await discoverMode(url);
  // jwt nodes report store "none" when they run stateless; anything else means a Redis behind them.
  const store = mode === 'memory' ? 'none' : await discoverStore(url);
  const hasStore = mode === 'redis' || (store !== undefined && store !== 'none');
  const stats = await lbStats(url);
  const strategy = (stats?.strategy as Strategy | undefined) ?? settings.strategy ?? 'round-robin';
  const nodes = stats?.targets?.length ?? settings.nodes ?? 3;
  const admin = settings.redisUrl ? new RedisAdmin(settings.redisUrl) : undefined;
  const { adminToken, nodeUrls } = settings;
  const killNode = adminToken ? crashThroughAdmin(url, adminToken, nodeUrls) : undefined;
  const storeMissing = storeMissingReason(mode, hasStore, admin);

  return {
    url,
    mode,
    run: runModeOf(mode, hasStore),
    strategy,
    nodes,
    target: true,
    ...(settings.secret !== undefined && { secret: settings.secret }),
    store: hasStore ? 'external' : 'none',
    ...(!hasStore && mode === 'jwt' && { storeNote: 'jwt without a store (stateless), as the nodes report' }),
    ...(killNode
      ? { killNode }
      : {
          cannotKillNode:
            'under --target a node can only be crashed through POST /__admin/crash: set ADMIN_TOKEN to the value the nodes run with',
        }),
    ...(admin && hasStore
      ? {
          outage: {
            kind: 'pause' as const,
            begin: (plannedMs: number) => admin.pause(plannedMs),
            end: async () => {},
          },
        }
      : {}),
    ...(storeMissing !== undefined && { cannotStopStore: storeMissing }),
    storeCommandCount: async () => (admin ? admin.commandCount() : 0),
    cpuMicros: cpuThroughBalancer(url, nodes),
    close: async () => {
      await admin?.close();
    },
  };
}
