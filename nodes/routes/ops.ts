import type { FastifyInstance } from 'fastify';
import { errorBody, statusOf } from '../../lib/error-codes.ts';
import type { RouteContext } from './context.ts';

/** /health (for the balancer's active checks) and /metrics (Prometheus text). */
export function opsRoutes(app: FastifyInstance, { config, strategy, metrics }: RouteContext): void {
  app.get('/health', async (_request, reply) => {
    const store = await strategy.storeState();
    const body = { node: config.nodeId, mode: config.authMode, store };
    // jwt verifies access tokens without the store (the denylist fails open), so a store outage
    // only degrades it (refresh/logout 503): staying in rotation keeps access working. A 503 here
    // would make the balancer eject every jwt node at once and turn that into a total outage.
    if (store === 'down' && config.authMode === 'jwt') return { status: 'degraded', ...body };
    if (store === 'down') {
      reply.code(statusOf('ERR_STORE_UNAVAILABLE')).header('retry-after', '1');
      return {
        ...errorBody('ERR_STORE_UNAVAILABLE', 'the session store is unreachable'),
        status: 'unavailable',
        ...body,
      };
    }
    return { status: 'ok', ...body };
  });

  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
