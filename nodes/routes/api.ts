import type { FastifyInstance } from 'fastify';
import type { AuthenticatedUser } from '../auth/strategy.ts';
import type { RouteContext } from './context.ts';

export function apiRoutes(app: FastifyInstance, { config, strategy }: RouteContext): void {
  const node = config.nodeId;
  const mode = config.authMode;

  const answer = ({ user }: AuthenticatedUser) => ({ user, node, mode });
  // The route the project is about: one credential check per request. Not async: a check that
  // waits for nothing (jwt with a cached token) is answered without a promise.
  app.get('/api/me', (request) => {
    const checked = strategy.authenticate(request);
    return checked instanceof Promise ? checked.then(answer) : answer(checked);
  });

  // No auth at all: the benchmark's baseline for "what does auth cost per request".
  app.get('/api/public', async () => ({ node }));
}
