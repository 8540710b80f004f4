/**
 * Which balancer fronts the nodes: ours (`builtin`, balancer/) or a real HAProxy / nginx started from
 * PATH with an equivalent configuration, so a class can see the same figures behind production
 * software.
 */
export const BALANCER_KINDS = ['builtin', 'haproxy', 'nginx'] as const;
export type BalancerKind = (typeof BALANCER_KINDS)[number];

export function isBalancerKind(value: unknown): value is BalancerKind {
  return typeof value === 'string' && (BALANCER_KINDS as readonly string[]).includes(value);
}

/** A node behind an external balancer: its id (the sticky cookie's value) and loopback port. */
export interface UpstreamNode {
  id: string;
  port: number;
}

export interface ExternalBalancerConfig {
  /** Working directory for pid, logs and temp files (created by the caller). */
  dir: string;
  port: number;
  nodes: UpstreamNode[];
  strategy: string;
  /** Active health-check period in milliseconds (HAProxy; nginx OSS only checks passively). */
  healthIntervalMs: number;
  /** HAProxy threads (`nbthread`); unset = HAProxy's default (one per core). nginx runs 1 worker. */
  threads?: number;
  /** Idle upstream connections nginx keeps per worker (`keepalive`); 32 when unset. */
  upstreamKeepalive?: number;
  /** Health-check path (default `/health`, 2xx passes); with `healthPassBelow: 500` a 3xx/4xx passes too. */
  healthPath?: string;
  healthPassBelow?: number;
  /** Response header naming the upstream that answered: nginx its address (`127.0.0.1:PORT`), HAProxy its server name (the node id). */
  upstreamHeader?: string;
}

/** Thrown when a balancer kind cannot run here; callers report the run as skipped with the reason. */
export class BalancerUnavailableError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.reason = reason;
    this.name = 'BalancerUnavailableError';
  }
}
