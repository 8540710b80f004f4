import { percentile } from '../../lib/stats/index.ts';
import type { AnswerTimes, RequestsByKind, TimelinePoint } from '../core/types.ts';
import type { Reply, VirtualUser } from './http.ts';

/**
 * Steady background traffic for the failure scenarios: every virtual user sends one authenticated
 * request per `paceMs` until `durationMs` is over, re-logging in after a 401 (as an app would send
 * its user back to the login page). Every outcome is recorded with its time, so the scenario can
 * cut the run into before / during / after an injected fault.
 */
export interface Outcome {
  /** ms since the run started, when the answer (or the failure) came. */
  at: number;
  /** How long the request took to be answered, ms (the request was sent at `at - ms`). */
  ms: number;
  user: number;
  ok: boolean;
  status: number;
  code?: string;
  kind: 'access' | 'refresh' | 'login';
}

export interface TrafficOptions {
  users: VirtualUser[];
  durationMs: number;
  paceMs: number;
  /** jwt: every n-th request of a user is a POST /auth/refresh instead. 0 = never. */
  refreshEvery?: number;
  /** Called once at each of these offsets (ms) — the fault injections. */
  events?: { atMs: number; action: () => Promise<void> }[];
  /**
   * Keep going past durationMs until nothing has failed for `quietMs` (at most `maxExtraMs`
   * more), so a slow recovery is measured rather than cut off.
   */
  untilClean?: { quietMs: number; maxExtraMs: number };
}

export interface TrafficResult {
  outcomes: Outcome[];
  /** ms offsets at which each event's action started, in order of starting. */
  eventTimes: number[];
  reloginsForced: number;
  /** How long the run actually lasted (ms), durationMs or more with untilClean. */
  elapsedMs: number;
  /** performance.now() when the run started: `at` and eventTimes are ms since then. */
  startedAt: number;
}

/** What one run shares between its user lanes and its fault events. */
interface TrafficRun {
  options: TrafficOptions;
  /** performance.now() when the run started. */
  start: number;
  /** ms since the run started. */
  now(): number;
  /** `sentAt`: ms since the run started when the request left (its answer time is kept). */
  record(user: number, kind: Outcome['kind'], reply: Reply, sentAt: number): void;
  /** True while the run goes on: before durationMs, or past it while failures are still recent. */
  running(): boolean;
  outcomes: Outcome[];
  reloginsForced: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function trafficRun(options: TrafficOptions): TrafficRun {
  const start = performance.now();
  const now = () => performance.now() - start;
  let lastFailureAt = -Infinity;
  const run: TrafficRun = {
    options,
    start,
    now,
    outcomes: [],
    reloginsForced: 0,
    record(user, kind, reply, sentAt) {
      if (reply.status < 200 || reply.status >= 300) lastFailureAt = now();
      const at = now();
      run.outcomes.push({
        at,
        ms: Math.round((at - sentAt) * 10) / 10,
        user,
        ok: reply.status >= 200 && reply.status < 300,
        status: reply.status,
        ...(reply.code !== undefined && { code: reply.code }),
        kind,
      });
    },
    running() {
      const t = now();
      if (t < options.durationMs) return true;
      const extra = options.untilClean;
      if (!extra || t > options.durationMs + extra.maxExtraMs) return false;
      return t - lastFailureAt < extra.quietMs;
    },
  };
  return run;
}

/** One user's requests, one per pace interval, logging in again after a 401. */
async function lane(run: TrafficRun, user: VirtualUser, index: number): Promise<void> {
  const { options } = run;
  // Spread the users over the first pace interval so they do not move in lock-step.
  await sleep((options.paceMs * index) / options.users.length);
  let count = 0;
  let needsLogin = !user.loggedIn;
  while (run.running()) {
    const due = run.now() + options.paceMs;
    const sentAt = run.now();
    if (needsLogin) {
      const reply = await user.login();
      run.record(index, 'login', reply, sentAt);
      if (reply.status === 200) {
        needsLogin = false;
        run.reloginsForced++;
      }
    } else {
      count++;
      const refresh = options.refreshEvery && count % options.refreshEvery === 0;
      const reply = refresh ? await user.refresh() : await user.me();
      run.record(index, refresh ? 'refresh' : 'access', reply, sentAt);
      if (reply.status === 401) needsLogin = true;
    }
    await sleep(due - run.now());
  }
}

/** Runs the events at their offsets; the offsets at which each started. */
async function runEvents(run: TrafficRun): Promise<number[]> {
  const eventTimes: number[] = [];
  // One after the other: an outage must have begun before the action that ends it runs.
  for (const event of run.options.events ?? []) {
    await sleep(event.atMs - run.now());
    eventTimes.push(run.now());
    await event.action();
  }
  return eventTimes;
}

export async function runTraffic(options: TrafficOptions): Promise<TrafficResult> {
  const run = trafficRun(options);
  const [eventTimes] = await Promise.all([
    runEvents(run),
    ...options.users.map((user, index) => lane(run, user, index)),
  ]);
  return {
    outcomes: run.outcomes,
    eventTimes,
    reloginsForced: run.reloginsForced,
    elapsedMs: run.now(),
    startedAt: run.start,
  };
}

const emptyKinds = (): RequestsByKind => ({
  access: { ok: 0, failed: 0 },
  refresh: { ok: 0, failed: 0 },
  login: { ok: 0, failed: 0 },
});

/** Every outcome counted by kind: the totals a failure scenario reports. */
export function countByKind(outcomes: Outcome[]): RequestsByKind {
  const counts = emptyKinds();
  for (const outcome of outcomes) counts[outcome.kind][outcome.ok ? 'ok' : 'failed']++;
  return counts;
}

/**
 * Median and slowest answer time (ms) of the requests in flight at some moment of [fromMs, toMs]:
 * answered at or after fromMs, sent at or before toMs (and, with `failedOnly`, failed). A request
 * sent just before a fault and caught by it counts: it is the one that waits. Undefined when none.
 */
export function answerTimes(
  outcomes: Outcome[],
  fromMs: number,
  toMs: number,
  failedOnly = false,
): AnswerTimes | undefined {
  const times = outcomes
    .filter((o) => (!failedOnly || !o.ok) && o.at >= fromMs && o.at - o.ms <= toMs)
    .map((o) => o.ms);
  if (times.length === 0) return undefined;
  return { count: times.length, p50: percentile(times, 50)!, max: Math.max(...times) };
}

/**
 * Buckets every outcome (access, refresh and login) into ok/failed per `bucketMs`, per kind and in
 * total, so the timeline's sums equal the scenario's totals. Outcomes past the last bucket (the
 * run's final sliver) land in the last one.
 */
export function timeline(outcomes: Outcome[], durationMs: number, bucketMs: number): TimelinePoint[] {
  const points: TimelinePoint[] = [];
  for (let from = 0; from < durationMs; from += bucketMs) {
    points.push({ t: Math.round(from) / 1000, ok: 0, failed: 0, ...emptyKinds() });
  }
  if (points.length === 0) points.push({ t: 0, ok: 0, failed: 0, ...emptyKinds() });
  const slowest: number[] = points.map(() => 0);
  for (const outcome of outcomes) {
    const index = Math.max(0, Math.min(points.length - 1, Math.floor(outcome.at / bucketMs)));
    const point = points[index]!;
    const field = outcome.ok ? 'ok' : 'failed';
    point[field]++;
    point[outcome.kind][field]++;
    slowest[index] = Math.max(slowest[index]!, outcome.ms);
  }
  points.forEach((point, i) => {
    if (point.ok + point.failed > 0) point.slowestMs = Math.round(slowest[i]!);
  });
  return points;
}
