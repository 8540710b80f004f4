import { SignJWT } from 'jose';
import { ACCESS_AUDIENCE, ACCESS_TYP, JWT_ALG, JWT_ISSUER } from './constants.ts';
import { randomId } from './random-id.ts';
import { stringClaim, verifyToken } from './verify-token.ts';

export interface IssuedToken {
  token: string;
  jti: string;
  /** Expiry, seconds since the epoch (the `exp` claim). */
  exp: number;
}

/** What a verified access token proves; also the verified-token cache's value. */
export interface VerifiedAccess {
  user: string;
  jti: string;
  /** `exp` in milliseconds, so the hot path compares against `now()` without arithmetic. */
  expMs: number;
}

const ACCESS_CLAIMS = ['iss', 'aud', 'sub', 'iat', 'exp', 'jti'];

/** Signs an access token: only iss/aud/sub/iat/exp/jti — nothing sensitive (it is readable by anyone). */
export async function issueAccessToken(
  key: CryptoKey,
  user: string,
  ttlSeconds: number,
  nowMs: number,
): Promise<IssuedToken> {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlSeconds;
  const jti = randomId();
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: JWT_ALG, typ: ACCESS_TYP })
    .setIssuer(JWT_ISSUER)
    .setAudience(ACCESS_AUDIENCE)
    .setSubject(user)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key);
  return { token, jti, exp };
}

export async function verifyAccessToken(
  token: string,
  key: CryptoKey,
  ttlSeconds: number,
  nowMs: number,
): Promise<VerifiedAccess> {
  const payload = await verifyToken(token, key, {
    typ: ACCESS_TYP,
    audience: ACCESS_AUDIENCE,
    maxAgeSeconds: ttlSeconds,
    nowMs,
    requiredClaims: ACCESS_CLAIMS,
  });
  return {
    user: stringClaim(payload, 'sub'),
    jti: stringClaim(payload, 'jti'),
    expMs: (payload.exp as number) * 1000,
  };
}
