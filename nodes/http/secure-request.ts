import type { FastifyRequest } from 'fastify';
import type { CookieSecure } from '../config.ts';

/**
 * COOKIE_SECURE=auto: Secure when the request came over HTTPS, directly or via a TLS proxy. Fastify's
 * request.protocol reads X-Forwarded-Proto only when the peer is in TRUST_PROXY, so a client cannot
 * talk a node into (or out of) Secure cookies with a forged header.
 */
export function isSecureRequest(request: FastifyRequest, setting: CookieSecure): boolean {
  if (setting !== 'auto') return setting === 'true';
  return request.protocol === 'https';
}
