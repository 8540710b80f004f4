import { createAgent, demoUser, mapLimit, VirtualUser } from '../client/http.ts';
import { countByKind, runTraffic, type TrafficResult, timeline } from '../client/traffic.ts';
import type { ScenarioContext, ScenarioOptions, StoreOutage } from '../core/context.ts';
import type { Skipped, StoreFailureResult } from '../core/types.ts';

/**
 * store-failure — "the session server itself must be replicated". While users keep working, the
 * store goes away:
 * - `stop` (embedded single Redis): the process is stopped, then started again — empty, since it
 *   has no persistence, so every Redis session is lost and users must log in again;
 * - `failover` (`--redis sentinel`): the primary is SIGKILLed; the sentinels promote the replica and
 *   the nodes follow it (sessions survive, replicated);
 * - `pause` (--target with REDIS_URL): CLIENT PAUSE, every store call hangs until it times out.
 * Redis mode fails (503) while the store is gone; jwt access tokens keep working (verified without
 * the store; the denylist check fails open) while refresh — which needs the family state — fails.
 *
 * Totals count every request (access, refresh, login) and equal the timeline's sums. The fault
 * begins when the store is stopped and ends when it is back (restart, end of pause; for a failover,
 * whose end we do not control, "back" is counted from the kill). secondsToRecover: from "back" to
 * the last failed request; failingSeconds: from the begin to the last failed request.
 */
/** ms → seconds, 2 decimals. */
const toSeconds = (ms: number) => Math.round(ms / 10) / 100;

/** When the fault is planned: the traffic lasts `durationMs`, the store goes at `beginAt` for `plannedMs`. */
interface OutagePlan {
  kind: StoreOutage['kind'];
  durationMs: number;
  beginAt: number;
  plannedMs: number;
}

function planOutage(kind: StoreOutage['kind'], options: ScenarioOptions): OutagePlan {
  const failover = kind === 'failover';
  // A Sentinel failover needs ~1 s to notice (down-after-milliseconds) plus an election.
  const seconds = failover
    ? Math.max(options.quick ? 7 : 10, options.durationSeconds)
    : Math.max(3, options.durationSeconds);
  const durationMs = seconds * 1000;
  return { kind, durationMs, beginAt: durationMs * (failover ? 0.2 : 0.25), plannedMs: durationMs * 0.3 };
}

/** The figures of one store-failure run from its traffic (every request counted, by kind). */
function storeFailureResult(traffic: TrafficResult, plan: OutagePlan, jwt: boolean): StoreFailureResult {
  const { beginAt, plannedMs, durationMs } = plan;
  const failover = plan.kind === 'failover';
  const began = traffic.eventTimes[0] ?? beginAt;
  const backAt = failover
    ? began
    : plan.kind === 'pause'
      ? began + plannedMs
      : (traffic.eventTimes[1] ?? beginAt + plannedMs);
  const outageEnd = failover ? (traffic.eventTimes[1] ?? durationMs) : backAt;

  const all = traffic.outcomes;
  const access = all.filter((o) => o.kind === 'access');
  const failed = all.filter((o) => !o.ok);
  const lastFailure = failed.reduce((latest, o) => Math.max(latest, o.at), -Infinity);
  const during = (at: number) => at >= began && at <= outageEnd;
  const refusedAfter = (kind: 'access' | 'refresh') =>
    new Set(all.filter((o) => o.kind === kind && o.status === 401 && o.at >= began).map((o) => o.user)).size;
  const bucketMs = traffic.elapsedMs <= 5000 ? 250 : 500;

  const result: StoreFailureResult = {
    failedRequests: failed.length,
    totalRequests: all.length,
    byKind: countByKind(all),
    secondsToRecover: failed.length > 0 ? toSeconds(Math.max(0, lastFailure - backAt)) : 0,
    failingSeconds: failed.length > 0 ? toSeconds(Math.max(0, lastFailure - began)) : 0,
    sessionsLost: jwt ? 0 : refusedAfter('access'),
    fault: {
      kind: plan.kind,
      beganAt: toSeconds(began),
      ...(outageEnd <= traffic.elapsedMs && { endedAt: toSeconds(outageEnd) }),
    },
    bucketSeconds: bucketMs / 1000,
    timeline: timeline(all, traffic.elapsedMs, bucketMs),
  };
  if (jwt) {
    result.refreshFamiliesLost = refusedAfter('refresh');
    result.accessOkDuringOutage = access.filter((o) => o.ok && during(o.at)).length;
    result.refreshFailedDuringOutage = all.filter(
      (o) => o.kind === 'refresh' && !o.ok && during(o.at),
    ).length;
  }
  if (failover) result.sentinel = true;
  return result;
}

export async function run(
  ctx: ScenarioContext,
  options: ScenarioOptions,
): Promise<StoreFailureResult | Skipped> {
  if (ctx.mode === 'memory') return { skipped: true, reason: 'memory mode has no store' };
  if (ctx.store === 'none')
    return { skipped: true, reason: ctx.storeNote ?? 'this cluster runs without a store' };
  const outage = ctx.outage;
  if (!outage) return { skipped: true, reason: ctx.cannotStopStore ?? 'this cluster cannot fail its store' };

  const plan = planOutage(outage.kind, options);
  const { durationMs, beginAt, plannedMs } = plan;
  const agent = createAgent(32);
  try {
    const users = Array.from(
      { length: Math.max(4, options.users) },
      (_, i) => new VirtualUser(demoUser(6000 + i), ctx.url, agent),
    );
    await mapLimit(users, 4, (user) => user.login());

    const events = [{ atMs: beginAt, action: () => outage.begin(plannedMs) }];
    // A failover ends by itself; the old primary comes back late, as a replica.
    const endAt = outage.kind === 'failover' ? durationMs * 0.8 : beginAt + plannedMs;
    events.push({ atMs: endAt, action: () => outage.end() });
    const traffic = await runTraffic({
      users,
      durationMs,
      paceMs: 50,
      untilClean: { quietMs: 750, maxExtraMs: 10_000 },
      refreshEvery: ctx.mode === 'jwt' ? 5 : 0,
      events,
    });
    return storeFailureResult(traffic, plan, ctx.mode === 'jwt');
  } finally {
    await agent.close();
  }
}
