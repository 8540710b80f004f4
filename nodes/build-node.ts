import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { createStrategy } from './auth/create-strategy.ts';
import type { StrategyDeps } from './auth/strategy.ts';
import type { NodeConfig } from './config.ts';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers } from './http/errors.ts';
import { stampResponses } from './http/no-store.ts';
import { HashGate } from './login/hash-gate.ts';
import type { LoginLimiter, LoginLimits } from './login/limits.ts';
import { MemoryLoginLimiter } from './login/memory-limiter.ts';
import { RedisLoginLimiter } from './login/redis-limiter.ts';
import { createNodeMetrics, type NodeMetrics } from './metrics.ts';
import { type NodeLog, SILENT_LOG } from './node-log.ts';
import { closeNodeRedis, openNodeRedis } from './node-redis.ts';
import type { StoreClient } from './redis-client.ts';
import { adminRoutes } from './routes/admin.ts';
import { apiRoutes } from './routes/api.ts';
import { authRoutes } from './routes/auth.ts';
import type { RouteContext } from './routes/context.ts';
import { opsRoutes } from './routes/ops.ts';
import { StoreGuard } from './store-guard.ts';
import { UserDirectory } from './users.ts';

export interface BuildNodeOptions {
  /** Clock in ms for session/token expiry (tests pass a fake one). Default Date.now. */
  now?: () => number;
  /** Where the node writes its few lines (node-log.ts); default: nowhere. */
  log?: NodeLog;
  /** Overrides config.loginRateLimit (attempts per minute per username+IP; 0 disables both limits). */
  loginRateLimit?: number;
  /** Logins that may wait for a hashing slot before ERR_LOGIN_BUSY (default DEFAULT_HASH_QUEUE_LIMIT). */
  hashQueueLimit?: number;
  /** What POST /__admin/crash does after answering 202. Default: process.exit(1). */
  onCrash?: () => void;
}

/** App-wide body limit; the login route has a smaller one of its own. */
const BODY_LIMIT = 16 * 1024;
const DEFAULT_LOGIN_RATE_LIMIT = 20;
const LOGIN_WINDOW_MS = 60_000;

/** The app node: a Fastify instance with every route, never listening (main.ts does that). */
export async function buildNode(
  config: NodeConfig,
  options: BuildNodeOptions = {},
): Promise<FastifyInstance> {
  const log = options.log ?? SILENT_LOG;
  const app = Fastify({
    // The node logs through its own logger (node-log.ts): Fastify's costs on every request.
    logger: false,
    bodyLimit: BODY_LIMIT,
    // During a graceful shutdown, requests already on open connections are still served normally
    // (Fastify's default would answer a raw, non-contract 503).
    return503OnClosing: false,
    frameworkErrors: frameworkErrorHandler(config.nodeId),
    clientErrorHandler: clientErrorHandler(config.nodeId),
    // X-Forwarded-For/-Proto/-Host only from the configured proxies (request.ip, request.protocol).
    ...(config.trustProxy !== undefined && { trustProxy: config.trustProxy.join(',') }),
    // Strict input: no silent removal of extra keys, no "42" → 42 coercion.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });

  const redis = await openNodeRedis(config, log);
  try {
    return await assemble(app, config, { ...options, log }, redis);
  } catch (error) {
    redis?.disconnect(); // never leak a reconnecting client when the app could not be built
    throw error;
  }
}

async function assemble(
  app: FastifyInstance,
  config: NodeConfig,
  options: BuildNodeOptions & { log: NodeLog },
  redis: StoreClient | undefined,
): Promise<FastifyInstance> {
  const { log } = options;
  const metrics = createNodeMetrics(() => strategy.liveCount());
  const guard = redis && createGuard(log, redis, metrics);
  const deps: StrategyDeps = {
    ...(redis && { redis, guard }),
    durability: { replicas: config.redisWaitReplicas, timeoutMs: config.redisWaitTimeoutMs },
    onStoreOp: metrics.countStoreOp,
    now: options.now ?? Date.now,
    log,
  };
  const strategy = createStrategy(config, deps);
  const context: RouteContext = {
    config,
    strategy,
    users: new UserDirectory(
      config.scryptCost,
      new HashGate(config.loginHashConcurrency, options.hashQueueLimit),
    ),
    metrics,
    loginLimiter: createLoginLimiter(config, options, deps),
    onCrash: options.onCrash ?? (() => process.exit(1)),
    log,
  };

  app.addHook('onClose', async () => {
    guard?.close();
    await strategy.close();
    if (redis) await closeNodeRedis(redis);
  });

  jsonBodiesOnly(app);
  // No parse hook on every request: cookies are parsed where read (http/request-cookies.ts).
  await app.register(fastifyCookie, { secret: config.authSecret, hook: false });
  stampResponses(app, { nodeId: config.nodeId, countRequest: metrics.countRequest });
  installErrorHandlers(app, metrics.countAuthFailure, log);

  authRoutes(app, context);
  apiRoutes(app, context);
  opsRoutes(app, context);
  adminRoutes(app, context);
  return app;
}

/**
 * JSON only: drop Fastify's text/plain parser (→ 415 unparsed). An empty JSON body is allowed
 * (logout/refresh carry none; routes that need one fail schema validation instead).
 */
function jsonBodiesOnly(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    parseJson(request, body as string, done);
  });
}

/** The node's circuit breaker in front of Redis; each open/close is logged once and in /metrics. */
function createGuard(log: NodeLog, redis: StoreClient, metrics: NodeMetrics): StoreGuard {
  return new StoreGuard(redis, {
    onStoreOp: metrics.countStoreOp,
    onChange: (open, cause) => {
      metrics.setStoreCircuitOpen(open);
      if (open) log.warn({ err: String(cause) }, 'store unreachable: failing fast until a probe succeeds');
      else log.warn('store probe succeeded: store calls resume');
    },
  });
}

/** Shared counters in Redis when the node has one, else per-node; none when limits are off. */
function createLoginLimiter(
  config: NodeConfig,
  options: BuildNodeOptions,
  deps: StrategyDeps,
): LoginLimiter | undefined {
  const perUser = options.loginRateLimit ?? config.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT;
  if (perUser === 0) return undefined; // LOGIN_RATE_LIMIT=0 turns both limits off (load runs)
  const limits: LoginLimits = {
    perUser,
    perAddress: config.loginAddressRateLimit,
    windowMs: LOGIN_WINDOW_MS,
  };
  if (deps.redis && deps.guard) return new RedisLoginLimiter(deps.redis, limits, deps.guard, deps.onStoreOp);
  return new MemoryLoginLimiter(limits, deps.now);
}
