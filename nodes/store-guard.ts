import { Cluster, ReplyError } from 'ioredis';
import { AuthscaleError } from '../lib/errors.ts';
import type { StoreState } from './auth/strategy.ts';
import { watchClusterStalls } from './cluster-stall-watch.ts';
import { REDIS_COMMAND_TIMEOUT_MS, type StoreClient } from './redis-client.ts';
import { watchForStalls } from './stall-watch.ts';

/** How often an open breaker probes the store with a PING. */
export const PROBE_INTERVAL_MS = 200;
/** A PING slower than this counts as a failed probe (the client's command timeout, see redis-client). */
const PROBE_TIMEOUT_MS = REDIS_COMMAND_TIMEOUT_MS;

/** The error every store-backed path turns a Redis failure into (503 + Retry-After). */
export function storeUnavailable(cause?: unknown): AuthscaleError {
  const error = new AuthscaleError(
    'ERR_STORE_UNAVAILABLE',
    'the session store is unavailable; retry shortly',
    {
      'retry-after': '1',
    },
  );
  if (cause !== undefined) (error as Error & { cause?: unknown }).cause = cause;
  return error;
}

/** A Redis error that says nothing about reachability (a script error, WRONGTYPE): no trip. */
function isReplyError(error: unknown): boolean {
  return error instanceof ReplyError;
}

export interface StoreGuardOptions {
  onStoreOp?: (op: string) => void;
  /** Called on every open → closed and closed → open change (logs, metrics). */
  onChange?: (open: boolean, cause?: unknown) => void;
}

/**
 * A circuit breaker in front of the node's Redis client (docs/security.md). A command that times out or
 * finds no connection opens it; while open, every store call fails AT ONCE (the caller answers 503,
 * or fails open where its mode does) instead of each request waiting out the 500 ms command timeout
 * of a stalled Redis. An open breaker PINGs the store every PROBE_INTERVAL_MS, one probe at a time,
 * and closes on the first PONG. While closed it costs one boolean check per call.
 */
export class StoreGuard {
  private probeTimer: NodeJS.Timeout | undefined;
  private probing = false;
  private isOpen = false;
  /**
   * Stops the command timeout (stall-watch.ts): a stalled command of one Redis trips the breaker;
   * a stalled shard of a Redis Cluster fails its own commands only (see tripsOnFailure).
   */
  private readonly stopWatch: () => void;

  private readonly redis: StoreClient;
  private readonly options: StoreGuardOptions;

  constructor(redis: StoreClient, options: StoreGuardOptions = {}) {
    this.redis = redis;
    this.options = options;
    this.stopWatch =
      redis instanceof Cluster
        ? watchClusterStalls(redis, REDIS_COMMAND_TIMEOUT_MS, () => {})
        : watchForStalls(redis, REDIS_COMMAND_TIMEOUT_MS, (error) => this.trip(error));
  }

  get open(): boolean {
    return this.isOpen;
  }

  /**
   * Runs a store call; any failure becomes ERR_STORE_UNAVAILABLE, and a connectivity one trips.
   * Not an async function: on the hot path it adds one promise (the catch), not two.
   */
  run<T>(call: () => Promise<T>): Promise<T> {
    if (this.isOpen) {
      this.options.onStoreOp?.('short_circuit');
      return Promise.reject(storeUnavailable());
    }
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (error) {
      return Promise.reject(this.failure(error));
    }
    return pending.catch((error: unknown) => {
      throw this.failure(error);
    });
  }

  private failure(error: unknown): unknown {
    if (error instanceof AuthscaleError) return error;
    if (!isReplyError(error) && this.tripsOnFailure()) this.trip(error);
    return storeUnavailable(error);
  }

  /**
   * A Redis Cluster is several stores: one shard without a primary must not stop the node from
   * using the others, so its failures never open the breaker (they fail fast by themselves: the
   * dead shard's connection is refused, and no command is queued), and /health asks the client
   * whether it knows a slot map rather than PINGing a random shard.
   */
  private tripsOnFailure(): boolean {
    return !(this.redis instanceof Cluster);
  }

  /** Reachability for /health: 'down' at once while open, else one bounded PING. */
  async state(): Promise<StoreState> {
    if (this.redis instanceof Cluster) return this.redis.status === 'ready' ? 'ok' : 'down';
    if (this.isOpen) return 'down';
    try {
      await this.ping();
      return 'ok';
    } catch (error) {
      this.trip(error);
      return 'down';
    }
  }

  close(): void {
    this.stopWatch();
    this.stopProbing();
  }

  private stopProbing(): void {
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }

  private trip(cause: unknown): void {
    if (this.isOpen) return;
    this.isOpen = true;
    this.options.onChange?.(true, cause);
    this.probeTimer = setInterval(() => this.probe(), PROBE_INTERVAL_MS);
    this.probeTimer.unref();
  }

  private probe(): void {
    if (this.probing) return;
    this.probing = true;
    this.ping().then(
      () => {
        this.probing = false;
        if (!this.isOpen) return;
        this.isOpen = false;
        this.stopProbing();
        this.options.onChange?.(false);
      },
      () => {
        this.probing = false;
      },
    );
  }

  private async ping(): Promise<void> {
    if (this.redis.status !== 'ready') throw new Error(`redis is ${this.redis.status}`);
    this.options.onStoreOp?.('ping');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timeout')), PROBE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.redis.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
