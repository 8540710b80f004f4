import { demoUser, mapLimit, VirtualUser } from '../client/http.ts';
import { UserAgents } from '../client/source-addresses.ts';
import { countByKind, runTraffic, type TrafficResult, timeline } from '../client/traffic.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import type { NodeFailureResult, Skipped } from '../core/types.ts';

/**
 * node-failure — one node dies (SIGKILL; under --target POST /__admin/crash) while logged-in users
 * keep working. With memory sessions (sticky) every user pinned to the dead node is re-pinned
 * elsewhere and finds no session there: a forced re-login. With Redis or JWT, nobody loses their
 * session; at most the requests in flight on the dead node fail until the balancer ejects it.
 */
export interface NodeFailureOptions extends ScenarioOptions {
  /** Restart the killed node afterwards (default true); the demo skips it for its last scenario. */
  restore?: boolean;
}

/** ms → seconds, 2 decimals. */
const toSeconds = (ms: number) => Math.round(ms / 10) / 100;

/** The figures of one node-failure run from its traffic (every request counted, by kind). */
function nodeFailureResult(
  traffic: TrafficResult,
  sessionsBefore: number,
  plannedKillAt: number,
): NodeFailureResult {
  const killedAt = traffic.eventTimes[0] ?? plannedKillAt;
  const all = traffic.outcomes;
  const failures = all.filter((o) => !o.ok);
  const lostUsers = new Set(
    all.filter((o) => o.status === 401 && o.kind !== 'login' && o.at >= killedAt).map((o) => o.user),
  );
  const lastFailure = failures.reduce((latest, o) => Math.max(latest, o.at), 0);
  const bucketMs = traffic.elapsedMs <= 5000 ? 250 : 500;
  return {
    sessionsBefore,
    sessionsLost: lostUsers.size,
    reloginsForced: traffic.reloginsForced,
    failedRequests: failures.length,
    totalRequests: all.length,
    byKind: countByKind(all),
    secondsUntilClean: failures.length > 0 ? toSeconds(Math.max(0, lastFailure - killedAt)) : 0,
    fault: { kind: 'kill', beganAt: toSeconds(killedAt), killedAt: toSeconds(killedAt) },
    bucketSeconds: bucketMs / 1000,
    timeline: timeline(all, traffic.elapsedMs, bucketMs),
  };
}

export async function run(
  ctx: ScenarioContext,
  options: NodeFailureOptions,
): Promise<NodeFailureResult | Skipped> {
  if (!ctx.killNode)
    return { skipped: true, reason: ctx.cannotKillNode ?? 'this cluster cannot kill a node' };
  if (ctx.mode === 'memory' && ctx.strategy === 'round-robin') {
    return {
      skipped: true,
      reason:
        'memory + round-robin already fails (N-1)/N of requests without any crash (see relogin); run it with sticky',
    };
  }
  const durationMs = Math.max(2, options.durationSeconds) * 1000;
  const victimIndex = ctx.nodes > 1 ? 1 : 0;
  const agents = new UserAgents(options.clientAddresses ?? 'one', 32);
  try {
    const users = Array.from(
      { length: Math.max(ctx.nodes * 2, options.users) },
      (_, i) => new VirtualUser(demoUser(4000 + i), ctx.url, agents.for(i)),
    );
    await mapLimit(users, 4, (user) => user.login());
    const sessionsBefore = users.filter((user) => user.loggedIn).length;

    const traffic = await runTraffic({
      users,
      durationMs,
      paceMs: 50,
      untilClean: { quietMs: 750, maxExtraMs: 10_000 },
      events: [
        {
          atMs: durationMs * 0.3,
          action: async () => {
            await ctx.killNode!(victimIndex);
          },
        },
      ],
    });
    const result = nodeFailureResult(traffic, sessionsBefore, durationMs * 0.3);
    if (options.restore !== false && ctx.restartNode) await ctx.restartNode(victimIndex);
    return result;
  } finally {
    await agents.close();
  }
}
