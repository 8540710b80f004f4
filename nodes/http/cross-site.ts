import type { FastifyRequest } from 'fastify';
import { AuthscaleError } from '../../lib/errors.ts';

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0]?.trim().toLowerCase() || undefined;
}

function crossSite(message: string): AuthscaleError {
  return new AuthscaleError('ERR_CROSS_SITE', message);
}

/**
 * CSRF defence for cookie-authenticated state-changing routes (/auth/logout, /auth/refresh), on
 * top of SameSite cookies: reject `Sec-Fetch-Site: cross-site`, and reject an Origin whose host is
 * neither the Host header nor a trusted proxy's X-Forwarded-Host. Requests with neither header (curl,
 * server-side clients) pass: they carry no ambient browser credentials to abuse.
 */
export function assertSameSite(request: FastifyRequest): void {
  if (first(request.headers['sec-fetch-site']) === 'cross-site') {
    throw crossSite('cross-site requests may not change authentication state');
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    throw crossSite('the Origin header is not a valid origin'); // includes the opaque "null"
  }
  // request.host is X-Forwarded-Host only from a TRUST_PROXY peer, else the Host header.
  const hosts = [first(request.headers.host), first(request.host)];
  if (!hosts.includes(originHost))
    throw crossSite(`origin ${originHost} may not change authentication state`);
}
