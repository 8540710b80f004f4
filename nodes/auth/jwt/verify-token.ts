import { type JWTPayload, jwtVerify } from 'jose';
import { CLOCK_TOLERANCE_S, JWT_ALG, JWT_ISSUER, MAX_TOKEN_CHARS } from './constants.ts';
import { tokenInvalid, toTokenError } from './token-errors.ts';

export interface VerifyOptions {
  typ: string;
  audience: string;
  /** Token lifetime in seconds; tokens whose `iat` is older than this (+ tolerance) are expired. */
  maxAgeSeconds: number;
  nowMs: number;
  requiredClaims: string[];
}

/** Cheap shape check before jose touches the string: bounded size, three base64url segments. */
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * The one place a JWT is verified (RFC 8725): HS256 allow-list, issuer, audience, `typ`, required
 * claims, max age, small clock tolerance, and a size limit checked before any parsing. Throws only
 * AuthscaleError (401 ERR_TOKEN_INVALID / ERR_TOKEN_EXPIRED).
 */
export async function verifyToken(
  token: string,
  key: CryptoKey,
  options: VerifyOptions,
): Promise<JWTPayload> {
  if (token.length > MAX_TOKEN_CHARS) throw tokenInvalid('the token is too large');
  if (!COMPACT_JWS.test(token)) throw tokenInvalid('the token is not a signed compact JWT');
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [JWT_ALG],
      issuer: JWT_ISSUER,
      audience: options.audience,
      typ: options.typ,
      requiredClaims: options.requiredClaims,
      maxTokenAge: options.maxAgeSeconds + CLOCK_TOLERANCE_S,
      clockTolerance: CLOCK_TOLERANCE_S,
      currentDate: new Date(options.nowMs),
    });
    return payload;
  } catch (error) {
    throw toTokenError(error);
  }
}

/** A claim that must be a non-empty string of sane length (sub, jti, fam). */
export function stringClaim(payload: JWTPayload, name: string): string {
  const value = payload[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw tokenInvalid(`the token's "${name}" claim is missing or malformed`);
  }
  return value;
}
