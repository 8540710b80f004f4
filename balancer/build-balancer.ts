import { createServer, type IncomingMessage, type Server } from 'node:http';
import { capConnectionsPerClient, checkingIntervalMs, limitSlowClients } from './client-limits.ts';
import { type BalancerConfig, DEFAULTS, type StrategyName } from './config.ts';
import { EventHub } from './events.ts';
import { type RequestContext, type RequestCounters, requestListener } from './handle-request.ts';
import { HealthChecker } from './health.ts';
import { LbResponse } from './response.ts';
import type { HealthReason, Target, TargetStats } from './target.ts';
import { parseTrustList } from './trust-proxy.ts';
import { allPools, buildUpstreams, type Upstreams } from './upstreams.ts';

export interface BalancerStats {
  strategy: StrategyName;
  requests: number;
  noHealthyUpstream: number;
  retries: number;
  /** Requests for `/__admin/*` refused with 403 (ADMIN_PASSTHROUGH off). */
  adminRefused: number;
  /** Requests answered 408 because the body did not arrive within BODY_TIMEOUT. */
  bodyTimeouts: number;
  /** Requests answered 429 because their address had MAX_CONNECTIONS_PER_CLIENT open. */
  overConnectionCap: number;
  /** Open `/__lb/events` streams. */
  eventClients: number;
  /** Events skipped for `/__lb/events` readers that did not keep up. */
  eventDrops: number;
  /** Bytes queued on `/__lb/events` streams right now. */
  eventBufferedBytes: number;
  targets: TargetStats[];
}

export interface BalancerOptions {
  /** One line per up/down change (main.ts prints them); silent by default. */
  log?: (line: string) => void;
  /** SSE tick period; 1 s unless a test wants it faster. */
  tickMs?: number;
  /** On close(), connections still busy after this long are cut. */
  closeGraceMs?: number;
}

export interface Balancer {
  /** Not listening: call `server.listen()`; health checks start on 'listening'. */
  readonly server: Server<typeof IncomingMessage, typeof LbResponse>;
  readonly targets: readonly Target[];
  /** Starts active health checks now (idempotent); done automatically when the server listens. */
  start(): void;
  /** Stops health checks, ends SSE streams, closes the server and the upstream pools. */
  close(): Promise<void>;
  stats(): BalancerStats;
}

/**
 * How long an idle client connection stays open (nginx: 75 s; Node's default is 5 s). Whoever
 * closes an idle keep-alive connection first must be the client: a request it sends on a socket
 * the server has just closed is reset, and a POST (a login) cannot be retried. Clients reuse a
 * connection only up to the `Keep-Alive: timeout=` hint minus a margin (undici: 2 s), which a
 * client whose event loop lags on a busy machine overshoots; the scenarios' client stops at 10 s,
 * far inside this.
 */
export const CLIENT_KEEP_ALIVE_MS = DEFAULTS.keepAliveTimeoutMs;

/**
 * The load balancer as an `http.Server` that is not listening yet (tests and main.ts listen).
 * - Health checks start when the server emits 'listening' (or on an explicit `start()`) and stop
 *   on close. Targets start *up*; the first probe round runs at once (see health.ts).
 * - `GET /__lb/stats` and `GET /__lb/events` are answered here; `/__admin/*` in any spelling is
 *   refused unless `adminPassthrough`; every other origin-form request goes to the target the
 *   strategy picks (503 ERR_NO_HEALTHY_UPSTREAM when none is up), path forwarded byte for byte.
 * - Slow clients: request head within HEADERS_TIMEOUT, body within BODY_TIMEOUT (408), small
 *   bodies read before an upstream connection is taken, MAX_CONNECTIONS_PER_CLIENT per address.
 * - Forwarding, failures, retries, timeouts and client aborts: forward.ts.
 */
export function buildBalancer(config: BalancerConfig, options: BalancerOptions = {}): Balancer {
  const log = options.log;
  const headersTimeoutMs = config.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs;
  const bodyTimeoutMs = config.bodyTimeoutMs ?? DEFAULTS.bodyTimeoutMs;
  const trust = parseTrustList((config.trustProxy ?? []).join(','));
  const counters: RequestCounters = {
    requests: 0,
    noHealthyUpstream: 0,
    adminRefused: 0,
    bodyTimeouts: 0,
    overConnectionCap: 0,
  };
  // The targets exist before the event hub (which reads them), so a change is sent only once it does.
  let events: EventHub | undefined;
  const upstreams = buildUpstreams(config, (target: Target, reason: HealthReason) => {
    log?.(healthLine(target, reason));
    events?.health(target, reason);
  });
  const { targets, forwarder } = upstreams;
  events = new EventHub(
    targets,
    options.tickMs,
    () => ({
      strategy: config.strategy,
      requests: counters.requests,
      noHealthyUpstream: counters.noHealthyUpstream,
      retries: forwarder.counters.retries,
    }),
    config.maxEventClients ?? DEFAULTS.maxEventClients,
  );
  const health = buildHealthChecker(config, targets);
  const stats = () => balancerStats(config.strategy, counters, upstreams, events);
  const context: RequestContext = {
    adminPassthrough: config.adminPassthrough === true,
    trust,
    bodyTimeoutMs,
    upstreams,
    counters,
    events,
    stats,
  };
  const server = createBalancerServer(config, headersTimeoutMs, bodyTimeoutMs, requestListener(context));

  const start = () => health.start();
  server.on('listening', start);
  server.on('close', () => health.stop());
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= shutDown(server, health, events, upstreams, options.closeGraceMs ?? 2000);
    return closing;
  };
  return { server, targets, start, close, stats };
}

/** The log line for an up/down change. */
function healthLine(target: Target, reason: HealthReason): string {
  const name = target.nodeId ? ` (${target.nodeId})` : '';
  return `target ${target.url}${name} is ${target.up ? 'up' : 'down'} (${reason})`;
}

/** Active health checks; the probe timeout defaults to the interval, kept within 250 ms..1 s. */
function buildHealthChecker(config: BalancerConfig, targets: readonly Target[]): HealthChecker {
  const healthTimeoutMs = config.healthTimeoutMs ?? Math.min(1000, Math.max(250, config.healthIntervalMs));
  return new HealthChecker(
    targets,
    config.healthIntervalMs,
    healthTimeoutMs,
    config.healthPath,
    config.healthPassBelow,
  );
}

function balancerStats(
  strategy: StrategyName,
  counters: RequestCounters,
  upstreams: Upstreams,
  events: EventHub,
): BalancerStats {
  return {
    strategy,
    requests: counters.requests,
    noHealthyUpstream: counters.noHealthyUpstream,
    retries: upstreams.forwarder.counters.retries,
    adminRefused: counters.adminRefused,
    bodyTimeouts: counters.bodyTimeouts,
    overConnectionCap: counters.overConnectionCap,
    eventClients: events.size,
    eventDrops: events.dropped,
    eventBufferedBytes: events.bufferedBytes,
    targets: upstreams.targets.map((t) => t.snapshot()),
  };
}

/** The HTTP server with the client timeouts and the per-address connection cap. */
function createBalancerServer(
  config: BalancerConfig,
  headersTimeoutMs: number,
  bodyTimeoutMs: number,
  listener: ReturnType<typeof requestListener>,
): Balancer['server'] {
  const server = createServer(
    {
      ServerResponse: LbResponse,
      keepAliveTimeout: config.keepAliveTimeoutMs ?? CLIENT_KEEP_ALIVE_MS,
      headersTimeout: headersTimeoutMs,
      requestTimeout: headersTimeoutMs + bodyTimeoutMs + 1000,
      connectionsCheckingInterval: checkingIntervalMs(headersTimeoutMs, bodyTimeoutMs),
    },
    listener,
  );
  limitSlowClients(server, headersTimeoutMs, bodyTimeoutMs);
  capConnectionsPerClient(server, config.maxConnectionsPerClient ?? DEFAULTS.maxConnectionsPerClient);
  return server;
}

/**
 * Stops health checks and event streams, then closes the server: idle connections at once, busy
 * ones after `graceMs`; then the upstream pools.
 */
async function shutDown(
  server: Balancer['server'],
  health: HealthChecker,
  events: EventHub,
  upstreams: Upstreams,
  graceMs: number,
): Promise<void> {
  health.stop();
  events.closeAll();
  if (server.listening) {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const grace = setTimeout(() => server.closeAllConnections(), graceMs);
    grace.unref();
    await closed;
    clearTimeout(grace);
  }
  await Promise.all(allPools(upstreams).map((pool) => pool.destroy()));
}
