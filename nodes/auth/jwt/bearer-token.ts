import type { FastifyRequest } from 'fastify';
import { MAX_TOKEN_CHARS } from './constants.ts';
import { noCredentials, tokenInvalid } from './token-errors.ts';

/**
 * The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 7235).
 * No header: ERR_NO_CREDENTIALS; any other shape or an oversized token: ERR_TOKEN_INVALID.
 * Written for the hot path: one startsWith and one slice, no regex.
 */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') throw noCredentials();
  if (header.length > MAX_TOKEN_CHARS + 7) throw tokenInvalid('the token is too large');
  const canonical = header.startsWith('Bearer ');
  if (
    header.length < 8 ||
    (!canonical && (header.charCodeAt(6) !== 32 || header.slice(0, 6).toLowerCase() !== 'bearer'))
  ) {
    throw tokenInvalid('expected "Authorization: Bearer <token>"');
  }
  // The token's own shape (no spaces, three base64url parts) is checked by the cache (exact match
  // of an already verified token) or by verifyToken.
  return header.slice(7);
}
