import type { FastifyInstance } from 'fastify';

/**
 * `Cache-Control: no-store` on every response that carries a credential (docs/security.md; OWASP session
 * cheat sheet): anything under /auth/ (login, refresh, logout — success or error) and any response
 * that sets or clears a cookie, so no shared or browser cache keeps a token or a Set-Cookie.
 */
export function noStoreOnCredentials(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    const route = request.routeOptions.url ?? request.url;
    if (route.startsWith('/auth/') || reply.hasHeader('set-cookie'))
      reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
