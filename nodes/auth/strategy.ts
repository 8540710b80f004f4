import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Durability } from '../durable-write.ts';
import type { NodeLog } from '../node-log.ts';
import type { StoreClient } from '../redis-client.ts';
import type { StoreGuard } from '../store-guard.ts';

/**
 * The seam between the routes (nodes/routes/*) and an auth mode. The routes do input checks,
 * credential checks, rate limits and metrics; a strategy only issues, checks and revokes proof of
 * authentication. Every failure is thrown as an AuthscaleError with a contract code
 * (ERR_NO_CREDENTIALS, ERR_SESSION_UNKNOWN, …, ERR_STORE_UNAVAILABLE).
 */
export interface AuthenticatedUser {
  user: string;
}

export type StoreState = 'none' | 'ok' | 'down';

export interface AuthStrategy {
  readonly mode: 'memory' | 'redis' | 'jwt';
  /** Issues new credentials for `user` (sets cookies on `reply`); returns extra body fields. */
  login(request: FastifyRequest, reply: FastifyReply, user: string): Promise<Record<string, unknown>>;
  /**
   * Checks the request's credentials; never sets a cookie. A promise only when the check waits
   * for something (a store, a verify); a failure is thrown or rejected.
   */
  authenticate(request: FastifyRequest): AuthenticatedUser | Promise<AuthenticatedUser>;
  /** JWT mode: rotate the refresh token. Session modes throw 404 ERR_NOT_FOUND. */
  refresh(request: FastifyRequest, reply: FastifyReply): Promise<Record<string, unknown>>;
  /** Destroys / revokes what the request carries and clears cookies. Idempotent. */
  logout(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Store reachability for /health: 'none' when the mode has no store. */
  storeState(): Promise<StoreState>;
  /** Live sessions (memory/redis) or refresh families / cache entries (jwt), for /metrics. */
  liveCount(): Promise<number>;
  /**
   * Capacity measurement only (POST /__admin/seed-sessions): stores `count` more logins exactly as
   * `login` stores them (session records, refresh families), without HTTP or password hashing, so a
   * population of 100k+ can be built in seconds. Returns how many were stored (0 when the mode
   * keeps nothing per login).
   */
  seedLogins(count: number): Promise<number>;
  close(): Promise<void>;
}

/** What buildNode hands every strategy factory: `create…Strategy(config: NodeConfig, deps)`. */
export interface StrategyDeps {
  /** Present when the mode has a store (redis mode; jwt mode with REDIS_URL / sentinels). */
  redis?: StoreClient;
  /** The circuit breaker every store call goes through; present exactly when `redis` is. */
  guard?: StoreGuard;
  /** WAIT after session / token-state writes (REDIS_WAIT_REPLICAS); default: none. */
  durability?: Durability;
  /** Count one store operation (a Redis command or a Map operation) for /metrics. */
  onStoreOp(op: string): void;
  /** Clock in milliseconds; tests freeze or advance it. */
  now(): number;
  /** The node's lines (node-log.ts); none when absent. */
  log?: NodeLog;
}
