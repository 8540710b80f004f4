import { demoUser, mapLimit, VirtualUser } from '../client/http.ts';
import { UserAgents } from '../client/source-addresses.ts';
import {
  fetchText,
  noticedAndBack,
  type StateChange,
  type StateWatch,
  watchState,
} from '../client/state-watch.ts';
import { answerTimes, countByKind, runTraffic, type TrafficResult, timeline } from '../client/traffic.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import type { NodeFailureResult, Skipped } from '../core/types.ts';

/**
 * node-failure — one node dies (SIGKILL; under --target POST /__admin/crash) while logged-in users
 * keep working. With memory sessions (sticky) every user pinned to the dead node is re-pinned
 * elsewhere and finds no session there: a forced re-login. With Redis or JWT, nobody loses their
 * session; at most the requests in flight on the dead node fail until the balancer ejects it.
 *
 * With `--fault partition` the node does not die: its balancer↔node link holds every byte from 30 %
 * to 70 % of the run (at least 4 s), then heals. Nothing is refused, so the balancer cannot retry elsewhere at
 * once: requests already sent to the node wait (until the heal, or the client's own timeout), and
 * the node leaves the rotation only when its health checks time out.
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
  partition: boolean,
): NodeFailureResult {
  const killedAt = traffic.eventTimes[0] ?? plannedKillAt;
  const healedAt = partition ? traffic.eventTimes[1] : undefined;
  const all = traffic.outcomes;
  const failures = all.filter((o) => !o.ok);
  const lostUsers = new Set(
    all.filter((o) => o.status === 401 && o.kind !== 'login' && o.at >= killedAt).map((o) => o.user),
  );
  const lastFailure = failures.reduce((latest, o) => Math.max(latest, o.at), 0);
  const bucketMs = traffic.elapsedMs <= 5000 ? 250 : 500;
  const faultAnswers = answerTimes(all, killedAt, healedAt ?? traffic.elapsedMs);
  const failedAnswers = answerTimes(all, killedAt, traffic.elapsedMs, true);
  return {
    sessionsBefore,
    sessionsLost: lostUsers.size,
    reloginsForced: traffic.reloginsForced,
    failedRequests: failures.length,
    totalRequests: all.length,
    byKind: countByKind(all),
    secondsUntilClean: failures.length > 0 ? toSeconds(Math.max(0, lastFailure - killedAt)) : 0,
    fault: partition
      ? {
          kind: 'partition',
          beganAt: toSeconds(killedAt),
          ...(healedAt !== undefined && { endedAt: toSeconds(healedAt) }),
        }
      : { kind: 'kill', beganAt: toSeconds(killedAt), killedAt: toSeconds(killedAt) },
    ...(healedAt !== undefined && {
      secondsToRecover: failures.length > 0 ? toSeconds(Math.max(0, lastFailure - healedAt)) : 0,
    }),
    ...(faultAnswers && { faultAnswerMs: faultAnswers }),
    ...(failedAnswers && { failedAnswerMs: failedAnswers }),
    bucketSeconds: bucketMs / 1000,
    timeline: timeline(all, traffic.elapsedMs, bucketMs),
  };
}

/** Our balancer's view of the victim (`up` in /__lb/stats); HAProxy/nginx answer nothing here. */
function targetWatch(url: string, index: number): StateWatch {
  return watchState(async () => {
    const text = await fetchText(`${url}/__lb/stats`);
    if (text === undefined) return undefined;
    try {
      const up = (JSON.parse(text) as { targets?: { up?: boolean }[] }).targets?.[index]?.up;
      return typeof up === 'boolean' ? up : undefined;
    } catch {
      return undefined;
    }
  });
}

/** ms from the fault until the balancer took the node out, and from the heal until it was back. */
function balancerHealth(
  changes: StateChange[],
  traffic: TrafficResult,
  partition: boolean,
): NodeFailureResult['balancerHealth'] {
  const at = (ms: number | undefined) => (ms === undefined ? undefined : traffic.startedAt + ms);
  const fault = at(traffic.eventTimes[0]);
  if (fault === undefined) return {};
  const seen = noticedAndBack(changes, false, fault, partition ? at(traffic.eventTimes[1]) : undefined);
  return {
    ...(seen.noticedAfterMs !== undefined && { ejectedAfterMs: seen.noticedAfterMs }),
    ...(seen.backAfterMs !== undefined && { backAfterHealMs: seen.backAfterMs }),
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
  const partition = ctx.partitionNode !== undefined && ctx.healNode !== undefined;
  // A partition lasts 40 % of at least 4 s: long enough for two health checks to time out (the
  // balancer's FALL) before the heal, so the run shows the ejection and the return.
  const durationMs = Math.max(partition ? 4 : 2, options.durationSeconds) * 1000;
  const victimIndex = ctx.nodes > 1 ? 1 : 0;
  const agents = new UserAgents(options.clientAddresses ?? 'one', 32);
  try {
    const users = Array.from(
      { length: Math.max(ctx.nodes * 2, options.users) },
      (_, i) => new VirtualUser(demoUser(4000 + i), ctx.url, agents.for(i)),
    );
    await mapLimit(users, 4, (user) => user.login());
    const sessionsBefore = users.filter((user) => user.loggedIn).length;

    const watch = ctx.cluster ? targetWatch(ctx.url, victimIndex) : undefined;
    const traffic = await runTraffic({
      users,
      durationMs,
      paceMs: 50,
      untilClean: { quietMs: 750, maxExtraMs: 10_000 },
      events: partition
        ? [
            { atMs: durationMs * 0.3, action: async () => void (await ctx.partitionNode!(victimIndex)) },
            { atMs: durationMs * 0.7, action: () => ctx.healNode!(victimIndex) },
          ]
        : [{ atMs: durationMs * 0.3, action: async () => void (await ctx.killNode!(victimIndex)) }],
    });
    const changes = await watch?.stop();
    const result = nodeFailureResult(traffic, sessionsBefore, durationMs * 0.3, partition);
    if (changes) result.balancerHealth = balancerHealth(changes, traffic, partition);
    if (options.restore !== false && ctx.restartNode) await ctx.restartNode(victimIndex);
    return result;
  } finally {
    await agents.close();
  }
}
