/**
 * The capacity result (re-exported from core/types.ts). Contract fields: `populations[]` with
 * `sessions`, `bytesPerSession`, `where`.
 */

import type { Spread } from '../core/figures.ts';
import type { CapacityShard } from './shards.ts';

export type { CapacityShard } from './shards.ts';

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
  /** Redis Cluster (`--redis cluster`): keys and bytes on each primary at the largest population. */
  shards?: CapacityShard[];
}
