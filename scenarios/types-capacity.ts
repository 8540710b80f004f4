/**
 * Result shapes of the two standing-cost scenarios (issue 14), re-exported from types.ts. Contract
 * fields (design.md): capacity → `populations[]` with `sessions`, `bytesPerSession`, `where`;
 * lifetimes → `points[]` with `accessTtlSeconds`, `refreshesPerUserHour`, `storeWritesPerUserHour`,
 * `exposureSeconds`, `measured`.
 */

import type { Spread } from './core/types.ts';

/** Where a mode keeps what a logged-in user costs while idle. */
export type SessionHome = 'node-heap' | 'redis' | 'none';

/** How the sessions of a population were made: the real login route, or the store's own API. */
export type SessionOrigin = 'login' | 'store-api';

export interface CapacityPopulation {
  /** Live sessions (or refresh families) at this point. */
  sessions: number;
  createdBy: SessionOrigin;
  where: SessionHome;
  /** Bytes per session added, over three equal steps up to `sessions` (each after a forced GC); 0 when nothing is stored. */
  bytesPerSession: number | Spread;
  /** Server bytes above the empty baseline at this population (node heap or Redis used_memory). */
  totalBytes: number;
}

/** "1M users: X bytes" — derived from the measured bytes/session, never observed. */
export interface CapacityImplication {
  users: number;
  serverBytes: number;
  /** The credential each request carries, at `wireRate` requests per second (bytes/s). */
  credentialBytesPerSecond: number;
  measured: false;
}

export interface CapacityResult {
  /** The run mode measured (memory, redis, jwt, jwt-redis). */
  runMode: string;
  where: SessionHome;
  populations: CapacityPopulation[];
  /** Populations up to this size were made through POST /auth/login, larger ones through the store API. */
  loginPopulation: number;
  /** SCRYPT_COST of the run's node (cheap on purpose: logins are the means, not the measurement). */
  scryptCost: number;
  /** Logins retried after a transient 503 or connection error (a busy machine), if any. */
  loginRetries?: number;
  /** The credential header every request carries (`cookie: sid=…` or `authorization: Bearer …`), bytes. */
  credentialHeaderBytes: number;
  credentialKind: 'cookie' | 'bearer';
  /** jwt: node-heap growth per real login, a check that nothing is kept (noise around 0). */
  heapCheckBytesPerLogin?: Spread;
  /** Why the population stops where it does (e.g. the memory store's size bound). */
  note?: string;
  /** Requests per second the wire figures assume. */
  wireRate: number;
  implications: CapacityImplication[];
}

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
