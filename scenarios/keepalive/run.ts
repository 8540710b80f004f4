import { type Balancer, BalancerUnavailableError } from '../../cluster/start-cluster.ts';
import type { AuthMode } from '../../nodes/config.ts';
import { demoUser, mapLimit, VirtualUser } from '../client/http.ts';
import { ReconnectingClient } from '../client/reconnecting-client.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import type { Skipped } from '../core/types.ts';
import type { KeepaliveLine, KeepaliveResult } from './types.ts';

export type { KeepaliveLine, KeepaliveResult } from './types.ts';

/**
 * keepalive — why in-memory sessions "worked in dev". A per-connection balancer (an L4 balancer, a
 * Kubernetes Service) picks a node per TCP connection, and a keep-alive connection stays on it: a
 * user who logs in and keeps one connection never meets another node (0 failures). Connections do
 * not last (idle timeouts, connection limits, a restarted pod): once they are re-opened every k
 * requests, a new connection reaches the node that holds the session only 1 time in N.
 */

const LANES = 8;

/**
 * Expected share of authenticated requests that reach a node without the session. Per-request
 * round-robin: (N-1)/N whatever the connections do. Per-connection: the login's connection serves
 * its k-1 following requests on the right node; every later connection lands elsewhere with
 * probability (N-1)/N. Sticky, ip-hash and the shared-state modes: 0.
 */
export function expectedKeepaliveRate(
  mode: AuthMode,
  strategy: string,
  nodes: number,
  requests: number,
  reconnectEvery: number | null,
): number {
  if (mode !== 'memory' || requests <= 0) return 0;
  const miss = (nodes - 1) / nodes;
  if (strategy === 'round-robin') return miss;
  if (strategy !== 'connection' || reconnectEvery === null) return 0;
  const onFirstConnection = Math.min(requests, Math.max(0, reconnectEvery - 1));
  return (miss * (requests - onFirstConnection)) / requests;
}

export interface LineTarget {
  url: string;
  mode: AuthMode;
  strategy: string;
  nodes: number;
}

export async function measureKeepaliveLine(
  ctx: LineTarget,
  users: number,
  requests: number,
  reconnectEvery: number | null,
  userOffset: number,
): Promise<KeepaliveLine> {
  let done = 0;
  let failures = 0;
  let connections = 0;
  await mapLimit(
    Array.from({ length: users }, (_, i) => i),
    LANES,
    async (i) => {
      const client = new ReconnectingClient(ctx.url, reconnectEvery ?? undefined);
      try {
        const user = new VirtualUser(demoUser(userOffset + i), ctx.url, client);
        if ((await user.login()).status !== 200)
          throw new Error(`keepalive: login failed through ${ctx.url}`);
        for (let r = 0; r < requests; r++) {
          const reply = await user.me();
          done++;
          if (reply.status === 401) failures++;
        }
      } finally {
        connections += client.connections;
        await client.close();
      }
    },
  );
  return {
    strategy: ctx.strategy,
    reconnectEvery,
    users,
    requests: done,
    failures,
    failureRate: done > 0 ? failures / done : 0,
    expectedRate: expectedKeepaliveRate(ctx.mode, ctx.strategy, ctx.nodes, requests, reconnectEvery),
    connections,
  };
}

export const KEEPALIVE_NEEDS_LAUNCHER =
  'needs the embedded launcher: it puts a per-connection balancer in front of the nodes, which --target cannot do';

/**
 * Three lines over the run's own nodes: through a per-connection balancer (our `connection`
 * strategy, started beside the run's balancer) with one keep-alive connection per user, then
 * re-opening it every k requests; and the same users through the run's own per-request balancer.
 */
export async function run(
  ctx: ScenarioContext,
  options: ScenarioOptions & { reconnectEvery?: number },
): Promise<KeepaliveResult | Skipped> {
  if (!ctx.cluster) return { skipped: true, reason: KEEPALIVE_NEEDS_LAUNCHER };
  const users = options.quick ? Math.min(options.users, 8) : Math.min(options.users, 16);
  const requests = options.quick ? 16 : 24;
  const every = options.reconnectEvery ?? 4;
  const indexes = Array.from({ length: ctx.nodes }, (_, i) => i);
  let perConnection: Balancer;
  try {
    perConnection = await ctx.cluster.startBalancer(indexes, 'connection');
  } catch (error) {
    if (error instanceof BalancerUnavailableError) return { skipped: true, reason: error.reason };
    throw error;
  }
  try {
    const target = { url: perConnection.url, mode: ctx.mode, strategy: 'connection', nodes: ctx.nodes };
    const kept = await measureKeepaliveLine(target, users, requests, null, 600);
    const reopened = await measureKeepaliveLine(target, users, requests, every, 700);
    const perRequest = await measureKeepaliveLine(ctx, users, requests, null, 800);
    return { nodes: ctx.nodes, lines: [kept, reopened, perRequest] };
  } finally {
    await perConnection.close();
  }
}
