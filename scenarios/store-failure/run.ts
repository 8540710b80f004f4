import type { ClusterShard } from '../../cluster/redis-cluster.ts';
import { parseDurationSeconds } from '../../lib/duration.ts';
import { createAgent, demoUser, mapLimit, VirtualUser } from '../client/http.ts';
import { LoginStream } from '../client/login-stream.ts';
import { UserAgents } from '../client/source-addresses.ts';
import {
  fetchText,
  noticedAndBack,
  type StateChange,
  type StateWatch,
  watchState,
} from '../client/state-watch.ts';
import { answerTimes, countByKind, runTraffic, type TrafficResult, timeline } from '../client/traffic.ts';
import type { ScenarioContext, ScenarioOptions, StoreOutage } from '../core/context.ts';
import type { Skipped } from '../core/types.ts';
import { shardImpact, storeKeyOf } from './shard-impact.ts';
import type { FailoverLoss, StoreFailureResult } from './types.ts';

/**
 * store-failure — "the session server itself must be replicated". While users keep working, the
 * store goes away:
 * - `stop` (embedded single Redis): the process is stopped, then started again — empty, since it
 *   has no persistence, so every Redis session is lost and users must log in again;
 * - `failover` (`--redis sentinel`): the primary is SIGKILLed; the sentinels promote the replica and
 *   the nodes follow it. Sessions survive as far as they had reached the replica: replication is
 *   asynchronous, so a login acknowledged just before the kill can be gone. A stream of fresh
 *   logins runs across the kill and `failover` counts how many acknowledged ones were lost (0 is a
 *   measurement, not a promise, unless the nodes WAIT for the replica: REDIS_WAIT_REPLICAS). The
 *   killed primary is started again only once the replica took over, as its replica (it has no
 *   persistence: back as a primary, it would be empty and the replica would copy it);
 *   with `--redis cluster` one shard's primary is killed and `shard` says whom it touched;
 * - `pause` (--target with REDIS_URL): CLIENT PAUSE, every store call hangs until it times out;
 * - `partition` (`--fault partition`): the node↔store link holds every byte until it heals. Nothing
 *   is refused, so each node learns of it only when a command times out (500 ms) — then its
 *   circuit breaker opens and answers 503 at once, probing every 200 ms until a PING comes back
 *   after the heal. Redis itself never stopped: every session is still there.
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
  const faultAnswers = answerTimes(traffic.outcomes, began, outageEnd);
  const failedAnswers = answerTimes(traffic.outcomes, began, traffic.elapsedMs, true);

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
    ...(faultAnswers && { faultAnswerMs: faultAnswers }),
    ...(failedAnswers && { failedAnswerMs: failedAnswers }),
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
  return result;
}

/** Fresh users for the login stream (kept apart from the 6000+ the traffic uses). */
const LOGIN_STREAM_FIRST_USER = 7000;
const LOGIN_STREAM_LANES = 2;

async function failoverLoss(
  stream: LoginStream,
  ctx: ScenarioContext,
  killedAt: number,
): Promise<FailoverLoss> {
  const check = await stream.check(ctx.mode, killedAt);
  const env = ctx.launch?.env ?? {};
  const known = ctx.launch !== undefined;
  const waitReplicas = Number(env.REDIS_WAIT_REPLICAS ?? 0);
  return {
    acknowledgedLogins: check.acknowledged,
    lostLogins: check.lost,
    lostBeforeKillMs: check.lostBeforeFaultMs,
    refusedLogins: check.refused,
    ...(known && { waitReplicas }),
    ...(known && waitReplicas > 0 && { waitTimeoutMs: parseWaitTimeoutMs(env.REDIS_WAIT_TIMEOUT) }),
  };
}

/** REDIS_WAIT_TIMEOUT as the node reads it (default 100ms). */
function parseWaitTimeoutMs(text: string | undefined): number {
  return Math.round((parseDurationSeconds(text ?? '100ms') ?? 0.1) * 1000);
}

/**
 * The nodes' circuit breakers (authscale_store_circuit_open in /metrics) while the store fails:
 * open as soon as any node's is. Launched clusters only (under --target the nodes may be out of
 * reach).
 */
function breakerWatch(ctx: ScenarioContext): StateWatch | undefined {
  const cluster = ctx.cluster;
  if (!cluster) return undefined;
  const urls = cluster.nodeUrls.slice(0, cluster.options.nodes);
  return watchState(async () => {
    const texts = await Promise.all(urls.map((url) => fetchText(`${url}/metrics`)));
    const known = texts.filter((text) => text !== undefined);
    if (known.length === 0) return undefined;
    return known.some((text) => /^authscale_store_circuit_open 1$/m.test(text));
  });
}

/**
 * When the breakers opened after the fault began, and closed after the store was back (a failover
 * has no such moment: its end is not ours to control).
 */
function breakerTimes(
  changes: StateChange[],
  traffic: TrafficResult,
  plan: OutagePlan,
): StoreFailureResult['breaker'] {
  const at = (ms: number | undefined) => (ms === undefined ? undefined : traffic.startedAt + ms);
  const back = plan.kind === 'failover' ? undefined : at(traffic.eventTimes[1]);
  const seen = noticedAndBack(changes, true, at(traffic.eventTimes[0] ?? plan.beginAt)!, back);
  return {
    ...(seen.noticedAfterMs !== undefined && { openedAfterMs: seen.noticedAfterMs }),
    ...(seen.backAfterMs !== undefined && { closedAfterBackMs: seen.backAfterMs }),
  };
}

/** The traffic's users (6000 and up), each on its own address when asked, logged in. */
async function loggedInUsers(
  ctx: ScenarioContext,
  options: ScenarioOptions,
  agents: UserAgents,
): Promise<VirtualUser[]> {
  const users = Array.from(
    { length: Math.max(4, options.users) },
    (_, i) => new VirtualUser(demoUser(6000 + i), ctx.url, agents.for(i)),
  );
  await mapLimit(users, 4, (user) => user.login());
  return users;
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
  // The users' own addresses (or the shared agent); the login stream keeps the shared one.
  const agents = new UserAgents(options.clientAddresses ?? 'one', 32);
  try {
    const users = await loggedInUsers(ctx, options, agents);
    const storeKeys = users.map((user) => storeKeyOf(user, ctx.mode === 'jwt'));
    const failover = outage.kind === 'failover';
    const stream = failover ? new LoginStream(ctx.url, agent, LOGIN_STREAM_FIRST_USER) : undefined;
    let killedAt = 0;
    let shard: ClusterShard | undefined;
    const begin = async () => {
      killedAt = Date.now();
      await outage.begin(plannedMs);
      shard = outage.shard?.();
    };

    const events = [{ atMs: beginAt, action: begin }];
    // A failover ends by itself; the old primary comes back late, as a replica.
    const endAt = failover ? durationMs * 0.8 : beginAt + plannedMs;
    events.push({ atMs: endAt, action: () => outage.end() });
    stream?.start(LOGIN_STREAM_LANES);
    const watch = breakerWatch(ctx);
    const traffic = await runTraffic({
      users,
      durationMs,
      paceMs: 50,
      untilClean: { quietMs: 750, maxExtraMs: 10_000 },
      refreshEvery: ctx.mode === 'jwt' ? 5 : 0,
      events,
    }).finally(() => stream?.stop());
    const changes = await watch?.stop();
    const result = storeFailureResult(traffic, plan, ctx.mode === 'jwt');
    if (changes) result.breaker = breakerTimes(changes, traffic, plan);
    if (failover && ctx.store === 'sentinel') result.sentinel = true;
    if (stream) result.failover = await failoverLoss(stream, ctx, killedAt);
    if (shard) {
      const began = traffic.eventTimes[0] ?? beginAt;
      const outageEnd = traffic.eventTimes[1] ?? durationMs;
      result.shard = shardImpact(shard, storeKeys, traffic.outcomes, { from: began, to: outageEnd });
    }
    return result;
  } finally {
    await Promise.all([agent.close(), agents.close()]);
  }
}
