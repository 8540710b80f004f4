import { SignJWT } from 'jose';
import type { IssuedToken } from './access-token.ts';
import { JWT_ALG, JWT_ISSUER, REFRESH_AUDIENCE, REFRESH_TYP } from './constants.ts';
import { randomId } from './random-id.ts';
import { stringClaim, verifyToken } from './verify-token.ts';

export interface VerifiedRefresh {
  user: string;
  jti: string;
  /** Token family: every token rotated from one login shares it (reuse detection, revocation). */
  fam: string;
  exp: number;
}

const REFRESH_CLAIMS = ['iss', 'aud', 'sub', 'iat', 'exp', 'jti', 'fam'];

/**
 * Signs a refresh token (own key, own `typ` and audience) for family `fam`, expiring at `exp`
 * (seconds). Rotation passes the presented token's `exp` on, so a family has an absolute lifetime
 * of REFRESH_TOKEN_TTL from login: rotating cannot keep a stolen family alive forever.
 */
export async function issueRefreshToken(
  key: CryptoKey,
  user: string,
  fam: string,
  exp: number,
  nowMs: number,
  jti: string = randomId(),
): Promise<IssuedToken> {
  const iat = Math.floor(nowMs / 1000);
  const token = await new SignJWT({ fam })
    .setProtectedHeader({ alg: JWT_ALG, typ: REFRESH_TYP })
    .setIssuer(JWT_ISSUER)
    .setAudience(REFRESH_AUDIENCE)
    .setSubject(user)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key);
  return { token, jti, exp };
}

export async function verifyRefreshToken(
  token: string,
  key: CryptoKey,
  ttlSeconds: number,
  nowMs: number,
): Promise<VerifiedRefresh> {
  const payload = await verifyToken(token, key, {
    typ: REFRESH_TYP,
    audience: REFRESH_AUDIENCE,
    maxAgeSeconds: ttlSeconds,
    nowMs,
    requiredClaims: REFRESH_CLAIMS,
  });
  return {
    user: stringClaim(payload, 'sub'),
    jti: stringClaim(payload, 'jti'),
    fam: stringClaim(payload, 'fam'),
    exp: payload.exp as number,
  };
}
