import type { FastifyInstance } from 'fastify';
import { AuthscaleError } from '../../lib/errors.ts';
import { assertSameSite } from '../http/cross-site.ts';
import type { RouteContext } from './context.ts';

/** Login bodies are tiny; anything bigger is not a login (413 before parsing). */
export const LOGIN_BODY_LIMIT = 4096;

interface LoginBody {
  username: string;
  password: string;
}

const loginSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['username', 'password'],
    properties: {
      username: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', minLength: 1, maxLength: 128 },
    },
  },
} as const;

function invalidCredentials(): AuthscaleError {
  return new AuthscaleError('ERR_INVALID_CREDENTIALS', 401, 'unknown user or wrong password');
}

export function authRoutes(app: FastifyInstance, context: RouteContext): void {
  const { config, strategy, users } = context;
  const rateLimit =
    context.loginRateLimit > 0
      ? {
          max: context.loginRateLimit,
          timeWindow: 60_000,
          // After body parsing and validation, so the key can include the username.
          hook: 'preHandler' as const,
          keyGenerator: (request: { ip: string; body?: unknown }) =>
            `${request.ip}\u0000${(request.body as Partial<LoginBody> | undefined)?.username ?? ''}`,
        }
      : false;

  app.post<{ Body: LoginBody }>(
    '/auth/login',
    { schema: loginSchema, bodyLimit: LOGIN_BODY_LIMIT, config: { rateLimit } },
    async (request, reply) => {
      const { username, password } = request.body;
      if (!(await users.verify(username, password))) throw invalidCredentials();
      const extras = await strategy.login(request, reply, username);
      return { user: username, node: config.nodeId, mode: config.authMode, ...extras };
    },
  );

  app.post('/auth/refresh', async (request, reply) => {
    assertSameSite(request);
    const extras = await strategy.refresh(request, reply);
    return { node: config.nodeId, mode: config.authMode, ...extras };
  });

  app.post('/auth/logout', async (request, reply) => {
    assertSameSite(request);
    await strategy.logout(request, reply);
    reply.code(204).send();
  });
}
