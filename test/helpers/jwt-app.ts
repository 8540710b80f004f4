import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import type { Redis } from 'ioredis';
import { AuthscaleError } from '../../lib/errors.ts';
import {
  createJwtStrategy,
  type JwtStrategy,
  type JwtStrategyOptions,
} from '../../nodes/auth/jwt/strategy.ts';
import { buildNode } from '../../nodes/build-node.ts';
import type { NodeConfig } from '../../nodes/config.ts';
import { StoreGuard } from '../../nodes/store-guard.ts';

/**
 * A minimal Fastify app around the JWT strategy only (cookie plugin + the four auth routes + the
 * contract's error shape), so the JWT tests do not depend on the whole node. Anything that is not
 * an AuthscaleError becomes a 500, which every test would notice.
 */
// Random per run: a secret written in the repository is public (nodes refuse known ones).
export const TEST_SECRET = randomBytes(32).toString('base64url');
export const START_MS = Date.parse('2026-01-01T00:00:00Z');

export interface TestClock {
  ms: number;
}

export function jwtConfig(overrides: Partial<NodeConfig> = {}): NodeConfig {
  return {
    nodeId: 'node-t',
    host: '127.0.0.1',
    port: 0,
    authMode: 'jwt',
    authSecret: TEST_SECRET,
    accessTokenTtl: 900,
    refreshTokenTtl: 7 * 24 * 3600,
    sessionIdleTtl: 1800,
    sessionAbsoluteTtl: 8 * 3600,
    cookieSecure: 'auto',
    jwtCacheSize: 100,
    scryptCost: 1024,
    redisWaitReplicas: 0,
    redisWaitTimeoutMs: 100,
    loginAddressRateLimit: 0,
    loginHashConcurrency: 0,
    secretWarnings: [],
    ...overrides,
  };
}

export interface JwtTestApp {
  app: FastifyInstance;
  strategy: JwtStrategy;
  clock: TestClock;
  storeOps: string[];
}

export async function buildJwtTestApp(
  options: {
    config?: Partial<NodeConfig>;
    redis?: Redis;
    clock?: TestClock;
    strategy?: JwtStrategyOptions;
  } = {},
): Promise<JwtTestApp> {
  const clock = options.clock ?? { ms: START_MS };
  const storeOps: string[] = [];
  const config = jwtConfig(options.config);
  const strategy = createJwtStrategy(
    config,
    {
      ...(options.redis && { redis: options.redis, guard: new StoreGuard(options.redis) }),
      onStoreOp: (op) => storeOps.push(op),
      now: () => clock.ms,
    },
    options.strategy,
  );
  const app = Fastify({ logger: false });
  await app.register(fastifyCookie, { secret: config.authSecret });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AuthscaleError) {
      return reply.code(error.statusCode).headers(error.headers).send(error.toJSON());
    }
    return reply.code(500).send({ code: 'ERR_INTERNAL', message: String(error) });
  });
  app.post<{ Body: { username: string; password?: string } }>('/auth/login', async (request, reply) => {
    const extras = await strategy.login(request, reply, request.body.username);
    return { user: request.body.username, mode: strategy.mode, ...extras };
  });
  app.get('/api/me', async (request) => {
    const { user } = await strategy.authenticate(request);
    return { user, mode: strategy.mode };
  });
  app.post('/auth/refresh', async (request, reply) => strategy.refresh(request, reply));
  app.post('/auth/logout', async (request, reply) => {
    await strategy.logout(request, reply);
    return reply.code(204).send();
  });
  app.addHook('onClose', async () => strategy.close());
  await app.ready();
  return { app, strategy, clock, storeOps };
}

/** The real node (nodes/build-node.ts) in JWT mode with a fake clock and no login rate limit. */
export function buildJwtNode(
  options: { config?: Partial<NodeConfig>; clock?: TestClock } = {},
): Promise<FastifyInstance> {
  const clock = options.clock ?? { ms: START_MS };
  return buildNode(jwtConfig(options.config), { now: () => clock.ms, loginRateLimit: 0 });
}

export interface LoggedIn {
  accessToken: string;
  refreshToken: string;
  response: LightMyRequestResponse;
}

export function refreshCookieOf(response: LightMyRequestResponse): string | undefined {
  return response.cookies.find((cookie) => cookie.name === 'rt')?.value;
}

export async function login(app: FastifyInstance, username = 'alice'): Promise<LoggedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { username, password: `${username}-pw` },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const refreshToken = refreshCookieOf(response);
  if (!refreshToken) throw new Error('login set no rt cookie');
  return { accessToken: response.json().accessToken, refreshToken, response };
}

export function me(app: FastifyInstance, token: string | undefined, header?: string) {
  const authorization = header ?? (token === undefined ? undefined : `Bearer ${token}`);
  return app.inject({
    method: 'GET',
    url: '/api/me',
    headers: authorization === undefined ? {} : { authorization },
  });
}

export function refresh(app: FastifyInstance, refreshToken: string | undefined) {
  return app.inject({
    method: 'POST',
    url: '/auth/refresh',
    ...(refreshToken !== undefined && { cookies: { rt: refreshToken } }),
  });
}

export function logout(app: FastifyInstance, accessToken?: string, refreshToken?: string) {
  return app.inject({
    method: 'POST',
    url: '/auth/logout',
    headers: accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` },
    ...(refreshToken !== undefined && { cookies: { rt: refreshToken } }),
  });
}
