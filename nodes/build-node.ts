import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Redis } from 'ioredis';
import { AuthscaleError } from '../lib/errors.ts';
import { createStrategy } from './auth/create-strategy.ts';
import type { StrategyDeps } from './auth/strategy.ts';
import type { NodeConfig } from './config.ts';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers } from './http/errors.ts';
import { createNodeMetrics } from './metrics.ts';
import { closeNodeRedis, openNodeRedis } from './node-redis.ts';
import { adminRoutes } from './routes/admin.ts';
import { apiRoutes } from './routes/api.ts';
import { authRoutes } from './routes/auth.ts';
import type { RouteContext } from './routes/context.ts';
import { opsRoutes } from './routes/ops.ts';
import { UserDirectory } from './users.ts';

export interface BuildNodeOptions {
  /** Clock in ms for session/token expiry (tests pass a fake one). Default Date.now. */
  now?: () => number;
  /** Fastify logger at level "warn" (request logging stays off: it would dominate the CPU cost). */
  logger?: boolean;
  /** Overrides config.loginRateLimit (attempts per minute per username+IP; 0 disables). */
  loginRateLimit?: number;
  /** What POST /__admin/crash does after answering 202. Default: process.exit(1). */
  onCrash?: () => void;
}

/** App-wide body limit; the login route has a smaller one of its own. */
const BODY_LIMIT = 16 * 1024;
const DEFAULT_LOGIN_RATE_LIMIT = 20;

/** The app node: a Fastify instance with every route, never listening (main.ts does that). */
export async function buildNode(
  config: NodeConfig,
  options: BuildNodeOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'warn' } : false,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // During a graceful shutdown, requests already on open connections are still served normally
    // (Fastify's default would answer a raw, non-contract 503).
    return503OnClosing: false,
    frameworkErrors: frameworkErrorHandler(config.nodeId),
    clientErrorHandler: clientErrorHandler(config.nodeId),
    // Strict input: no silent removal of extra keys, no "42" → 42 coercion.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });

  const redis = await openNodeRedis(config, app.log);
  try {
    return await assemble(app, config, options, redis);
  } catch (error) {
    redis?.disconnect(); // never leak a reconnecting client when the app could not be built
    throw error;
  }
}

async function assemble(
  app: FastifyInstance,
  config: NodeConfig,
  options: BuildNodeOptions,
  redis: Redis | undefined,
): Promise<FastifyInstance> {
  const metrics = createNodeMetrics(() => strategy.liveCount());
  const deps: StrategyDeps = {
    ...(redis && { redis }),
    onStoreOp: metrics.countStoreOp,
    now: options.now ?? Date.now,
  };
  const strategy = createStrategy(config, deps);
  const context: RouteContext = {
    config,
    strategy,
    users: new UserDirectory(config.scryptCost),
    metrics,
    loginRateLimit: options.loginRateLimit ?? config.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT,
    onCrash: options.onCrash ?? (() => process.exit(1)),
  };

  app.addHook('onClose', async () => {
    await strategy.close();
    if (redis) await closeNodeRedis(redis);
  });

  // JSON only: drop Fastify's text/plain parser (→ 415 unparsed). An empty JSON body is allowed
  // (logout/refresh carry none; routes that need one fail schema validation instead).
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    parseJson(request, body as string, done);
  });

  await app.register(fastifyCookie, { secret: config.authSecret });
  if (context.loginRateLimit > 0) {
    await app.register(fastifyRateLimit, {
      global: false,
      errorResponseBuilder: (_request, limit) =>
        new AuthscaleError('ERR_RATE_LIMITED', 429, `too many login attempts; retry in ${limit.after}`, {
          'retry-after': String(Math.max(1, Math.ceil(limit.ttl / 1000))),
        }),
    });
  }

  const nodeId = config.nodeId;
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('x-node-id', nodeId);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    metrics.countRequest(request.routeOptions.url ?? 'unmatched', reply.statusCode);
    done();
  });
  installErrorHandlers(app, metrics.countAuthFailure);

  authRoutes(app, context);
  apiRoutes(app, context);
  opsRoutes(app, context);
  adminRoutes(app, context);
  return app;
}
