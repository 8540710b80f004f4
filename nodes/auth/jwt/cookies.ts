// The type import also brings @fastify/cookie's request/reply augmentations (setCookie, cookies).
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSecure } from '../../config.ts';
import { requestCookies } from '../../http/request-cookies.ts';
import { isSecureRequest } from '../../http/secure-request.ts';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from './constants.ts';

/**
 * The refresh token cookie: HttpOnly (no script access), SameSite=Strict and Path=/auth (never sent
 * to /api or cross-site). Not signed: the value is itself a signed JWT.
 */
export function setRefreshCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
  secure: CookieSecure,
): void {
  const options: CookieSerializeOptions = {
    httpOnly: true,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    secure: isSecureRequest(request, secure),
    maxAge: maxAgeSeconds,
  };
  reply.setCookie(REFRESH_COOKIE, token, options);
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply, secure: CookieSecure): void {
  reply.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    secure: isSecureRequest(request, secure),
  });
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const value = requestCookies(request)[REFRESH_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}
