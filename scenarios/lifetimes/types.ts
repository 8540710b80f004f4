/**
 * The lifetimes result (re-exported from core/types.ts). Contract fields: `points[]` with
 * `accessTtlSeconds`, `refreshesPerUserHour`, `storeWritesPerUserHour`, `exposureSeconds`, `measured`.
 */

import type { Spread } from '../core/figures.ts';

/** One kind of client at one access lifetime. */
export interface LifetimeClient {
  /** Refreshes per user-hour (3600 / mean refresh period). */
  refreshesPerUserHour: number;
  /** Seconds between two token issuances of the same user (median, range). */
  refreshPeriodSeconds: Spread;
  /** Requests that failed with 401 because the access token had expired, per refresh and per user-hour. */
  failedPerRefresh: number;
  failedRequestsPerUserHour: number;
}

export interface LifetimePoint {
  accessTtlSeconds: number;
  /** false: scaled from the setting (and from measured ratios), not observed. */
  measured: boolean;
  /** The client that refreshes ahead of expiry (the figure to plan with). */
  refreshesPerUserHour: number;
  /** Store writes (refresh rotations) per user-hour; 0 without a store. */
  storeWritesPerUserHour: number;
  /** How long a stolen access token kept working after it was issued (measured by replaying it). */
  exposureSeconds: number;
  clients: { ahead: LifetimeClient; after401: LifetimeClient };
  /** Measured points: virtual users per kind of client and the observed window. */
  usersPerClient?: number;
  windowSeconds?: number;
}

export interface LifetimesResult {
  runMode: string;
  /** Each virtual user's request period, ms. */
  requestIntervalMs: number;
  points: LifetimePoint[];
  /** Store writes per refresh, measured (node store-operation counters). */
  writesPerRefresh: number;
  /** Measured exposure minus the lifetime (the verifier's clock tolerance shows up here). */
  exposureBeyondLifetimeSeconds: number;
}
