import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { BalancerConfig, StrategyName } from './config.ts';
import { EventHub } from './events.ts';
import { HealthChecker } from './health.ts';
import { ProxyCore } from './proxy.ts';
import {
  BAD_REQUEST,
  METHOD_NOT_ALLOWED,
  NO_HEALTHY_UPSTREAM,
  NOT_FOUND,
  sendError,
  sendJson,
} from './reply.ts';
import { LbResponse } from './response.ts';
import { createStrategy } from './strategies/index.ts';
import { type HealthReason, Target, type TargetStats } from './target.ts';

export interface BalancerStats {
  strategy: StrategyName;
  requests: number;
  noHealthyUpstream: number;
  retries: number;
  /** Open `/__lb/events` streams. */
  eventClients: number;
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
 * The load balancer as an `http.Server` that is not listening yet (tests and main.ts listen).
 * - Health checks start when the server emits 'listening' (or on an explicit `start()`) and stop
 *   on close. Targets start *up*; the first probe round runs at once (see health.ts).
 * - `GET /__lb/stats` and `GET /__lb/events` are answered here; every other origin-form request is
 *   proxied to the target the strategy picks (503 ERR_NO_HEALTHY_UPSTREAM when none is up).
 * - Failures, retries, timeouts and client aborts are handled in proxy.ts.
 */
export function buildBalancer(config: BalancerConfig, options: BalancerOptions = {}): Balancer {
  const log = options.log;
  // Balancer-wide counters; per-target ones live on Target.
  let requests = 0;
  let noHealthyUpstream = 0;
  let events: EventHub | undefined;
  const onHealthChange = (target: Target, reason: HealthReason) => {
    log?.(
      `target ${target.url}${target.nodeId ? ` (${target.nodeId})` : ''} is ${target.up ? 'up' : 'down'} (${reason})`,
    );
    events?.health(target, reason);
  };
  const targets = config.targets.map((url, index) => new Target(index, url, onHealthChange));
  events = new EventHub(targets, options.tickMs, () => ({
    strategy: config.strategy,
    requests,
    noHealthyUpstream,
    retries: proxy.counters.retries,
  }));
  const strategy = createStrategy(config.strategy, targets);
  const proxy = new ProxyCore(targets, strategy, config.proxyTimeoutMs);
  const healthTimeoutMs = config.healthTimeoutMs ?? Math.min(1000, Math.max(250, config.healthIntervalMs));
  const health = new HealthChecker(targets, config.healthIntervalMs, healthTimeoutMs);

  const stats = (): BalancerStats => ({
    strategy: config.strategy,
    requests,
    noHealthyUpstream,
    retries: proxy.counters.retries,
    eventClients: events.size,
    targets: targets.map((t) => t.snapshot()),
  });

  const admin = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url!.split('?', 1)[0];
    if (path !== '/__lb/stats' && path !== '/__lb/events') return sendError(res, NOT_FOUND);
    if (req.method !== 'GET') return sendError(res, METHOD_NOT_ALLOWED);
    if (path === '/__lb/stats') return sendJson(res, 200, stats());
    events.attach(req, res);
  };

  const server = createServer({ ServerResponse: LbResponse }, (req, res) => {
    const url = req.url ?? '';
    // Only origin-form targets ("/path"): the proxy forwards req.url verbatim.
    if (url.charCodeAt(0) !== 47) return sendError(res, BAD_REQUEST);
    if (url.startsWith('/__lb/')) return admin(req, res);
    requests++;
    const target = strategy.pick(req, res);
    if (target === null) {
      noHealthyUpstream++;
      return sendError(res, NO_HEALTHY_UPSTREAM);
    }
    proxy.start(req, res, target);
  });

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
      for (const target of targets) target.agent.destroy();
    })();
    return closing;
  };

  return { server, targets, start, close, stats };
}
