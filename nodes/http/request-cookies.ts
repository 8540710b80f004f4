// The type import also brings @fastify/cookie's augmentations (request.cookies, server.parseCookie).
import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

type Cookies = FastifyRequest['cookies'];

/**
 * The request's cookies, parsed on first read. @fastify/cookie is registered with `hook: false`
 * (build-node.ts): its onRequest hook parsed the Cookie header of every request, with a hook step
 * and two fresh containers each time, though only the session check and the auth routes read a
 * cookie. Same parser (the plugin's `parseCookie`), same `request.cookies` container (the plugin
 * fills it too when a reply sets a cookie); signatures are still checked where a cookie is read.
 */
export function requestCookies(request: FastifyRequest): Cookies {
  const parsed = request.cookies as Cookies | null; // null until something parses it
  if (parsed !== null) return parsed;
  const header = request.raw.headers.cookie;
  const cookies: Cookies = header ? request.server.parseCookie(header) : {};
  request.cookies = cookies;
  return cookies;
}
