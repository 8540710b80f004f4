import { errors } from 'jose';
import { AuthscaleError } from '../../../lib/errors.ts';

export function tokenInvalid(message = 'the token is invalid'): AuthscaleError {
  return new AuthscaleError('ERR_TOKEN_INVALID', message);
}

export function tokenExpired(message = 'the token has expired'): AuthscaleError {
  return new AuthscaleError('ERR_TOKEN_EXPIRED', message);
}

export function tokenRevoked(message = 'the token has been revoked'): AuthscaleError {
  return new AuthscaleError('ERR_TOKEN_REVOKED', message);
}

export function refreshReused(): AuthscaleError {
  return new AuthscaleError(
    'ERR_REFRESH_REUSED',
    'this refresh token was already used; its whole family is revoked, log in again',
  );
}

export function noCredentials(message = 'no credentials were sent'): AuthscaleError {
  return new AuthscaleError('ERR_NO_CREDENTIALS', message);
}

/**
 * Maps anything a verify can throw to a 401. Only a genuine expiry (exp, or iat older than the max
 * age) is ERR_TOKEN_EXPIRED; every other JOSE error and every non-JOSE error (jose throws TypeError
 * for key-type mismatches, JSON.parse throws SyntaxError, …) is ERR_TOKEN_INVALID — never a 500.
 */
export function toTokenError(error: unknown): AuthscaleError {
  if (error instanceof AuthscaleError) return error;
  if (error instanceof errors.JWTExpired) return tokenExpired();
  return tokenInvalid();
}
