// The type import also brings @fastify/cookie's request/reply augmentations (setCookie, unsignCookie).
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthscaleError } from '../../lib/errors.ts';
import type { CookieSecure } from '../config.ts';
import { requestCookies } from '../http/request-cookies.ts';
import { isSecureRequest } from '../http/secure-request.ts';

export const SESSION_COOKIE = 'sid';
/** 32 random bytes in base64url, no padding. */
const SESSION_ID_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function cookieOptions(request: FastifyRequest, secure: CookieSecure): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: isSecureRequest(request, secure) };
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  maxAgeSeconds: number,
  secure: CookieSecure,
): void {
  reply.setCookie(SESSION_COOKIE, id, {
    ...cookieOptions(request, secure),
    signed: true,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, secure: CookieSecure): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request, secure));
}

function invalidCookie(): AuthscaleError {
  return new AuthscaleError('ERR_SESSION_INVALID', 'the session cookie is not valid (bad signature)');
}

/** Verified signed cookie values remembered per strategy (each app has its own secret). */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Reads the session id of the request's signed `sid` cookie.
 * - no cookie: ERR_NO_CREDENTIALS;
 * - a cookie whose signature does not verify (tampered, unsigned, signed with another secret) or
 *   whose id is not the shape we issue: ERR_SESSION_INVALID. Deliberately distinct from
 *   ERR_SESSION_UNKNOWN, which counts only well-signed ids this node does not know (the scaling
 *   failure the project measures), so forgeries never inflate that number.
 *
 * A bounded map of already verified cookie values spares the HMAC on the hot path (the same idea
 * as the JWT mode's verified-token cache): only a byte-identical value that verified before hits.
 */
export class SessionCookieReader {
  private readonly verified = new Map<string, string>();

  read(request: FastifyRequest): string {
    const raw = requestCookies(request)[SESSION_COOKIE];
    if (raw === undefined || raw === '') {
      throw new AuthscaleError('ERR_NO_CREDENTIALS', 'no session cookie was sent');
    }
    const known = this.verified.get(raw);
    if (known !== undefined) return known;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null || !SESSION_ID_SHAPE.test(unsigned.value)) {
      throw invalidCookie();
    }
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(raw, unsigned.value);
    return unsigned.value;
  }

  /** Like read, but undefined instead of throwing (login and logout). */
  peek(request: FastifyRequest): string | undefined {
    try {
      return this.read(request);
    } catch {
      return undefined;
    }
  }
}
