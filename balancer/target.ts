import { createHash } from 'node:crypto';
import { Pool } from 'undici';

/** Cookie naming the pinned target under `STRATEGY=sticky` (like HAProxy's SERVERID). */
export const AFFINITY_COOKIE = 'lb';

export type HealthReason = 'health-check' | 'ejected';
export type HealthListener = (target: Target, reason: HealthReason) => void;

/** Consecutive active-check results needed to flip a target's state (nginx/HAProxy `rise`/`fall`). */
export const FALL = 2;
export const RISE = 2;

/**
 * One upstream: its connection pool, health state and counters. Counters are plain fields on a
 * preallocated object so the per-request bookkeeping is a few integer increments, no allocation.
 */
export class Target {
  readonly index: number;
  readonly url: string;
  /** Stable, opaque id (hash of the URL) used in the affinity cookie: does not leak the address. */
  readonly id: string;
  readonly host: string;
  readonly port: number;
  /** Keep-alive connection pool (undici) shared by every request to this target. */
  readonly pool: Pool;
  /** Pre-built `Set-Cookie` value pinning a client to this target. */
  readonly affinityCookie: string;
  nodeId: string | null = null;
  up = true;
  requests = 0;
  errors = 0;
  timeouts = 0;
  /** Clients that left before their response ended (upstream request cancelled). */
  aborts = 0;
  ejections = 0;
  s1xx = 0;
  s2xx = 0;
  s3xx = 0;
  s4xx = 0;
  s5xx = 0;
  private consecutiveOk = 0;
  private consecutiveFail = 0;
  private readonly onChange: HealthListener;

  constructor(index: number, url: string, onChange: HealthListener, pool: PoolSettings) {
    this.index = index;
    this.url = url;
    this.id = createHash('sha256').update(url).digest('base64url').slice(0, 10);
    const parsed = new URL(url);
    this.host = parsed.hostname;
    this.port = Number(parsed.port || 80);
    this.pool = new Pool(url, {
      connections: pool.connections,
      pipelining: 1,
      // The pool, not the node, closes idle sockets: 4 s, far below the node's 72 s (Fastify).
      // Without the cap undici would follow the node's `Keep-Alive: timeout=72` hint to 70 s, 2 s
      // short of the node's own close: a lagging event loop then sends a request on a socket the
      // node has just closed ("reused socket reset"; a POST cannot be retried).
      keepAliveTimeout: 4000,
      keepAliveMaxTimeout: 4000,
      connect: { timeout: pool.connectTimeoutMs },
    });
    this.affinityCookie = `${AFFINITY_COOKIE}=${this.id}; Path=/; HttpOnly; SameSite=Lax`;
    this.onChange = onChange;
  }

  countStatus(status: number): void {
    if (status < 200) this.s1xx++;
    else if (status < 300) this.s2xx++;
    else if (status < 400) this.s3xx++;
    else if (status < 500) this.s4xx++;
    else this.s5xx++;
  }

  /** Active check passed: back up after RISE in a row. */
  checkPassed(): void {
    this.consecutiveFail = 0;
    if (this.up) return;
    if (++this.consecutiveOk >= RISE) {
      this.up = true;
      this.consecutiveOk = 0;
      this.onChange(this, 'health-check');
    }
  }

  /** Active check failed: down after FALL in a row. */
  checkFailed(): void {
    this.consecutiveOk = 0;
    if (!this.up) return;
    if (++this.consecutiveFail >= FALL) {
      this.up = false;
      this.consecutiveFail = 0;
      this.onChange(this, 'health-check');
    }
  }

  /** Passive ejection: a connection was refused/reset, take it out now; health checks bring it back. */
  eject(): void {
    this.consecutiveOk = 0;
    this.consecutiveFail = 0;
    if (!this.up) return;
    this.up = false;
    this.ejections++;
    this.onChange(this, 'ejected');
  }

  learnNodeId(value: string | string[] | undefined): void {
    if (typeof value === 'string' && value !== this.nodeId) this.nodeId = value;
  }

  snapshot(): TargetStats {
    return {
      id: this.id,
      url: this.url,
      nodeId: this.nodeId,
      up: this.up,
      requests: this.requests,
      errors: this.errors,
      timeouts: this.timeouts,
      aborts: this.aborts,
      ejections: this.ejections,
      statusClasses: {
        '1xx': this.s1xx,
        '2xx': this.s2xx,
        '3xx': this.s3xx,
        '4xx': this.s4xx,
        '5xx': this.s5xx,
      },
    };
  }
}

export interface PoolSettings {
  /** Upstream connections at most (requests beyond wait in the pool's queue). */
  connections: number;
  connectTimeoutMs: number;
}

export interface TargetStats {
  id: string;
  url: string;
  nodeId: string | null;
  up: boolean;
  requests: number;
  errors: number;
  timeouts: number;
  aborts: number;
  ejections: number;
  statusClasses: { '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number };
}
