import type { FastifyRequest } from 'fastify';
import type { CookieSecure } from '../config.ts';

/** COOKIE_SECURE=auto: Secure when the request came over HTTPS, directly or via a TLS proxy. */
export function isSecureRequest(request: FastifyRequest, setting: CookieSecure): boolean {
  if (setting !== 'auto') return setting === 'true';
  if (request.protocol === 'https') return true;
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}
