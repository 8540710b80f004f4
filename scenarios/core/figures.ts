/**
 * Shapes shared by several scenarios' results (a skip, a spread over rounds, a failure timeline).
 * Each scenario's own result type lives in its folder (`<name>/types.ts`); `core/types.ts` puts
 * them together into the report shape.
 */

import type { StrategyName } from '../../balancer/config.ts';

/** A balancing strategy (the balancer's own names). */
export type Strategy = StrategyName;

/** A scenario that could not run (no redis-server, --target cannot kill things…) says why. */
export interface Skipped {
  skipped: true;
  reason: string;
}

/**
 * A contention-bound figure measured in several interleaved rounds: median with min–max, and the
 * value of each round in the order the rounds ran (lib/stats).
 */
export type { Spread } from '../../lib/stats/index.ts';

export interface LatencyFigures {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface KindCounts {
  ok: number;
  failed: number;
}

/** Requests of a failure scenario by what they were: access (GET /api/me), refresh, login. */
export interface RequestsByKind {
  access: KindCounts;
  refresh: KindCounts;
  login: KindCounts;
}

export interface TimelinePoint extends RequestsByKind {
  /** Seconds since the timeline started (bucket start). */
  t: number;
  /** access + refresh + login of this bucket. */
  ok: number;
  failed: number;
  /** The slowest answer that arrived in this bucket, ms (absent when none arrived). */
  slowestMs?: number;
}

/** How long requests took to be answered, ms: median and slowest of `count`. */
export interface AnswerTimes {
  count: number;
  p50: number;
  max: number;
}

/**
 * When the fault happened, in seconds since the timeline start (the same clock as TimelinePoint.t).
 * `endedAt` is absent when the fault lasted past the end of the timeline (a killed node is only
 * restarted after the traffic).
 */
export interface FaultTimes {
  beganAt: number;
  endedAt?: number;
  /** node-failure: the SIGKILL instant (= beganAt). */
  killedAt?: number;
  /**
   * How it failed: kill (node SIGKILLed), stop (store stopped, restarted empty), failover, pause,
   * or partition (the link holds every byte until it heals: nothing is refused).
   */
  kind?: 'kill' | 'stop' | 'failover' | 'pause' | 'partition';
}

export function isSkipped(value: unknown): value is Skipped {
  return typeof value === 'object' && value !== null && (value as Skipped).skipped === true;
}
