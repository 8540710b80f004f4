import type { FastifyInstance } from 'fastify';
import { AuthscaleError } from '../../lib/errors.ts';
import { assertSameSite } from '../http/cross-site.ts';
import { type LimitVerdict, limitAddress } from '../login/limits.ts';
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
  return new AuthscaleError('ERR_INVALID_CREDENTIALS', 'unknown user or wrong password');
}

function rateLimited(verdict: LimitVerdict): AuthscaleError {
  const what = verdict.limit === 'address' ? 'from this address' : 'for this user from this address';
  return new AuthscaleError(
    'ERR_RATE_LIMITED',
    `too many login attempts ${what}; retry in ${verdict.retryAfterS} s`,
    { 'retry-after': String(verdict.retryAfterS) },
  );
}

export function authRoutes(app: FastifyInstance, context: RouteContext): void {
  const { config, strategy, users, loginLimiter } = context;

  app.post<{ Body: LoginBody }>(
    '/auth/login',
    { schema: loginSchema, bodyLimit: LOGIN_BODY_LIMIT },
    async (request, reply) => {
      const { username, password } = request.body;
      // Limits first: a refused attempt costs a counter, never a hash. request.ip is the real
      // client only through a TRUST_PROXY peer (else the peer itself; forged X-Forwarded-For is ignored).
      if (loginLimiter) {
        const verdict = await loginLimiter.hit(limitAddress(request.ip), username);
        if (!verdict.allowed) throw rateLimited(verdict);
      }
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
