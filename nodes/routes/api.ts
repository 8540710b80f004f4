import type { FastifyInstance } from 'fastify';
import type { RouteContext } from './context.ts';

export function apiRoutes(app: FastifyInstance, { config, strategy }: RouteContext): void {
  const node = config.nodeId;
  const mode = config.authMode;

  // The route the project is about: one credential check per request.
  app.get('/api/me', async (request) => {
    const { user } = await strategy.authenticate(request);
    return { user, node, mode };
  });

  // No auth at all: the benchmark's baseline for "what does auth cost per request".
  app.get('/api/public', async () => ({ node }));
}
