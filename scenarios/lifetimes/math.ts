import { spreadOf } from '../core/spread.ts';
import type { LifetimeClient, LifetimePoint } from './types.ts';

/** Access lifetimes measured in a run (seconds): quick, default. */
export const QUICK_TTLS = [2, 4];
export const DEFAULT_TTLS = [5, 15, 60];
/** Lifetimes only derived (scaled from the setting and the measured ratios), never run. */
export const DERIVED_TTLS = [300, 900, 3600];

/** How early the ahead-of-expiry client refreshes: 5 % of the lifetime, at least 100 ms. */
export function aheadMarginSeconds(ttlSeconds: number): number {
  return Math.max(0.1, ttlSeconds * 0.05);
}

/** Store operations of the node counters that change Redis (refresh rotation, login, logout). */
export const WRITE_OPS = new Set(['eval', 'hset', 'expire', 'set', 'del']);

/** Sums `authscale_store_operations_total{op="…"}` over the write operations in a /metrics text. */
export function storeWritesIn(metrics: string): number {
  let total = 0;
  for (const match of metrics.matchAll(
    /^authscale_store_operations_total\{op="([^"]+)"\} (\d+(?:\.\d+)?)$/gm,
  )) {
    if (WRITE_OPS.has(match[1]!)) total += Number(match[2]);
  }
  return total;
}

/** What one kind of client did: token issuance times per user (ms) and failures at expiry. */
export interface ClientLog {
  issuedAtMs: number[][];
  expiryFailures: number;
}

/** Seconds between consecutive issuances of the same user, over all users. */
export function refreshPeriods(log: ClientLog): number[] {
  return log.issuedAtMs.flatMap((times) => times.slice(1).map((t, i) => (t - times[i]!) / 1000));
}

/** Measured figures of one kind of client: refreshes per user-hour = 3600 / mean refresh period. */
export function clientFigures(log: ClientLog): LifetimeClient {
  const periods = refreshPeriods(log);
  if (periods.length === 0) throw new Error('no refresh was observed');
  const mean = periods.reduce((sum, p) => sum + p, 0) / periods.length;
  const refreshesPerUserHour = 3600 / mean;
  const failedPerRefresh = log.expiryFailures / periods.length;
  return {
    refreshesPerUserHour,
    refreshPeriodSeconds: spreadOf(periods, 2),
    failedPerRefresh,
    failedRequestsPerUserHour: failedPerRefresh * refreshesPerUserHour,
  };
}

/** A figure scaled from a setting: one fixed period, so median = min = max. */
function scaledClient(periodSeconds: number, failedPerRefresh: number): LifetimeClient {
  const refreshesPerUserHour = 3600 / periodSeconds;
  return {
    refreshesPerUserHour,
    refreshPeriodSeconds: { median: periodSeconds, min: periodSeconds, max: periodSeconds, values: [] },
    failedPerRefresh,
    failedRequestsPerUserHour: failedPerRefresh * refreshesPerUserHour,
  };
}

/**
 * A derived point (measured: false): the ahead client refreshes every lifetime minus its margin;
 * the after-401 client every lifetime plus what the measured points showed a token lives past it
 * (`beyondSeconds`, the verifier's clock tolerance) and fails once per refresh; the exposure is the
 * lifetime plus the same; store writes scale by the measured writes per refresh.
 */
export function derivedPoint(
  ttlSeconds: number,
  beyondSeconds: number,
  writesPerRefresh: number,
): LifetimePoint {
  const ahead = scaledClient(ttlSeconds - aheadMarginSeconds(ttlSeconds), 0);
  const after401 = scaledClient(ttlSeconds + beyondSeconds, 1);
  return {
    accessTtlSeconds: ttlSeconds,
    measured: false,
    refreshesPerUserHour: ahead.refreshesPerUserHour,
    storeWritesPerUserHour: writesPerRefresh * ahead.refreshesPerUserHour,
    exposureSeconds: ttlSeconds + beyondSeconds,
    clients: { ahead, after401 },
  };
}
