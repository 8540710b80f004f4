import { createServer, type IncomingMessage, type Server } from 'node:http';
import { isAdminPath } from './admin-path.ts';
import {
  answeringOverCap,
  capConnectionsPerClient,
  checkingIntervalMs,
  isOverCap,
  limitSlowClients,
  lingerThenDestroy,
} from './client-limits.ts';
import { type BalancerConfig, DEFAULTS, type StrategyName } from './config.ts';
import { EventHub } from './events.ts';
import { type Body, Forwarder } from './forward.ts';
import { upstreamHeaders } from './forwarded.ts';
import { HealthChecker } from './health.ts';
import {
  ADMIN_FORBIDDEN,
  BAD_REQUEST,
  METHOD_NOT_ALLOWED,
  NO_HEALTHY_UPSTREAM,
  NOT_FOUND,
  REQUEST_TIMEOUT,
  sendError,
  sendJson,
  TOO_MANY_CONNECTIONS,
} from './reply.ts';
import { BODY_BUFFER_BYTES, readBody } from './request-body.ts';
import { LbResponse } from './response.ts';
import { createStrategy } from './strategies/index.ts';
import { type HealthReason, Target, type TargetStats } from './target.ts';
import { parseTrustList } from './trust-proxy.ts';

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

/** Upstream connections per target at most; further requests wait in undici's queue. */
const POOL_CONNECTIONS = 256;

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
  // Balancer-wide counters; per-target ones live on Target.
  let requests = 0;
  let noHealthyUpstream = 0;
  let adminRefused = 0;
  let bodyTimeouts = 0;
  let overConnectionCap = 0;
  let events: EventHub | undefined;
  const onHealthChange = (target: Target, reason: HealthReason) => {
    log?.(
      `target ${target.url}${target.nodeId ? ` (${target.nodeId})` : ''} is ${target.up ? 'up' : 'down'} (${reason})`,
    );
    events?.health(target, reason);
  };
  const poolSettings = {
    connections: POOL_CONNECTIONS,
    connectTimeoutMs: Math.min(config.proxyTimeoutMs, 5000),
  };
  const targets = config.targets.map((url, index) => new Target(index, url, onHealthChange, poolSettings));
  const strategy = createStrategy(config.strategy, targets);
  const forwarder = new Forwarder(strategy, config.proxyTimeoutMs, config.upstreamHeader);
  events = new EventHub(
    targets,
    options.tickMs,
    () => ({ strategy: config.strategy, requests, noHealthyUpstream, retries: forwarder.counters.retries }),
    config.maxEventClients ?? DEFAULTS.maxEventClients,
  );
  const healthTimeoutMs = config.healthTimeoutMs ?? Math.min(1000, Math.max(250, config.healthIntervalMs));
  const health = new HealthChecker(
    targets,
    config.healthIntervalMs,
    healthTimeoutMs,
    config.healthPath,
    config.healthPassBelow,
  );

  const stats = (): BalancerStats => ({
    strategy: config.strategy,
    requests,
    noHealthyUpstream,
    retries: forwarder.counters.retries,
    adminRefused,
    bodyTimeouts,
    overConnectionCap,
    eventClients: events.size,
    eventDrops: events.dropped,
    eventBufferedBytes: events.bufferedBytes,
    targets: targets.map((t) => t.snapshot()),
  });

  const admin = (req: IncomingMessage, res: LbResponse) => {
    const path = req.url!.split('?', 1)[0];
    if (path !== '/__lb/stats' && path !== '/__lb/events') return sendError(res, NOT_FOUND);
    if (req.method !== 'GET') return sendError(res, METHOD_NOT_ALLOWED);
    if (path === '/__lb/stats') return sendJson(res, 200, stats());
    events.attach(req, res);
  };

  const route = (req: IncomingMessage, res: LbResponse, headers: string[], body: Body) => {
    const target = strategy.pick(req, res);
    if (target === null) {
      noHealthyUpstream++;
      return sendError(res, NO_HEALTHY_UPSTREAM);
    }
    forwarder.start(req, res, target, headers, body);
  };

  /** `this` is the response of a request whose body did not arrive in time. */
  const onBodyTimeout = (req: IncomingMessage, res: LbResponse) => {
    bodyTimeouts++;
    // A streamed body: stop the upstream request, which frees its connection.
    res.lbExchange?.cancel();
    if (res.headersSent) return void res.destroy();
    res.shouldKeepAlive = false;
    sendError(res, REQUEST_TIMEOUT);
    lingerThenDestroy(req.socket);
  };

  const receiveBody = (req: IncomingMessage, res: LbResponse, headers: string[]) => {
    const timer = setTimeout(onBodyTimeout, bodyTimeoutMs, req, res);
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    res.once('close', clear);
    readBody(req, BODY_BUFFER_BYTES, (body) => {
      if (res.headersSent || res.destroyed) return;
      route(req, res, headers, body);
    });
  };

  const server = createServer(
    {
      ServerResponse: LbResponse,
      keepAliveTimeout: config.keepAliveTimeoutMs ?? CLIENT_KEEP_ALIVE_MS,
      headersTimeout: headersTimeoutMs,
      requestTimeout: headersTimeoutMs + bodyTimeoutMs + 1000,
      connectionsCheckingInterval: checkingIntervalMs(headersTimeoutMs, bodyTimeoutMs),
    },
    (req, res) => {
      const url = req.url ?? '';
      // Only origin-form targets ("/path"): forwarded verbatim.
      if (url.charCodeAt(0) !== 47) return sendError(res, BAD_REQUEST);
      if (isOverCap(req.socket)) {
        overConnectionCap++;
        answeringOverCap(req.socket);
        res.shouldKeepAlive = false;
        return sendError(res, TOO_MANY_CONNECTIONS);
      }
      if (url.startsWith('/__lb/')) return admin(req, res);
      requests++;
      if (config.adminPassthrough !== true && isAdminPath(url)) {
        adminRefused++;
        return sendError(res, ADMIN_FORBIDDEN);
      }
      const head = upstreamHeaders(req, trust.trusts(req.socket.remoteAddress));
      if (head.hasBody) receiveBody(req, res, head.headers);
      else route(req, res, head.headers, null);
    },
  );
  limitSlowClients(server, headersTimeoutMs, bodyTimeoutMs);
  capConnectionsPerClient(server, config.maxConnectionsPerClient ?? DEFAULTS.maxConnectionsPerClient);

  const start = () => health.start();
  server.on('listening', start);
  server.on('close', () => health.stop());

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      health.stop();
      events.closeAll();
      if (server.listening) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const grace = setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 2000);
        grace.unref();
        await closed;
        clearTimeout(grace);
      }
      await Promise.all(targets.map((target) => target.pool.destroy()));
    })();
    return closing;
  };

  return { server, targets, start, close, stats };
}
