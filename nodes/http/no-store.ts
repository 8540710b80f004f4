import type { FastifyInstance } from 'fastify';

export interface ResponseStampOptions {
  nodeId: string;
  /** Counts the request by route pattern ("unmatched" without one) and status code. */
  countRequest: (route: string, status: number) => void;
}

/**
 * What every answer of the node carries, in one onSend hook (one hook step per request instead of
 * three; the route pattern is looked up once — Fastify builds a new object on each
 * `request.routeOptions` read):
 * - `x-node-id`, so a client behind the balancer sees which node answered;
 * - `Cache-Control: no-store` on every response that carries a credential (docs/security.md;
 *   OWASP session cheat sheet): anything under /auth/ (login, refresh, logout — success or error)
 *   and any response that sets or clears a cookie, so no shared or browser cache keeps a token or
 *   a Set-Cookie (@fastify/cookie's own onSend, registered before, has set it by then);
 * - the request counter of /metrics (the status is final once the answer is being sent).
 */
export function stampResponses(app: FastifyInstance, { nodeId, countRequest }: ResponseStampOptions): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    const route = request.routeOptions.url;
    reply.header('x-node-id', nodeId);
    if ((route ?? request.url).startsWith('/auth/') || reply.hasHeader('set-cookie'))
      reply.header('cache-control', 'no-store');
    countRequest(route ?? 'unmatched', reply.statusCode);
    done(null, payload);
  });
}
