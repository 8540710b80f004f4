import { errors } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthscaleError } from '../../../lib/errors.ts';
import { issueAccessToken, verifyAccessToken } from '../../../nodes/auth/jwt/access-token.ts';
import { importJwtKeys } from '../../../nodes/auth/jwt/keys.ts';
import { issueRefreshToken, verifyRefreshToken } from '../../../nodes/auth/jwt/refresh-token.ts';
import { toTokenError } from '../../../nodes/auth/jwt/token-errors.ts';
import { START_MS, TEST_SECRET } from '../../helpers/jwt-app.ts';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthscaleError) return `${error.statusCode} ${error.code}`;
    return `not an AuthscaleError: ${String(error)}`;
  }
  return 'resolved';
}

describe('access and refresh tokens with a frozen clock', () => {
  it('verifies until exp, then ERR_TOKEN_EXPIRED; typ and keys keep the two kinds apart', async () => {
    const keys = await importJwtKeys(TEST_SECRET);
    const access = await issueAccessToken(keys.access, 'alice', 60, START_MS);
    const header = JSON.parse(Buffer.from(access.token.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    const payload = JSON.parse(Buffer.from(access.token.split('.')[1]!, 'base64url').toString());
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'sub']);
    expect(payload).toMatchObject({ iss: 'authscale', aud: 'authscale-api', sub: 'alice' });
    expect(payload.exp - payload.iat).toBe(60);

    const ok = await verifyAccessToken(access.token, keys.access, 60, START_MS + 59_000);
    expect(ok).toEqual({ user: 'alice', jti: access.jti, expMs: access.exp * 1000 });
    // Within the 5 s clock tolerance it still verifies; past it, expired.
    await verifyAccessToken(access.token, keys.access, 60, START_MS + 63_000);
    expect(await codeOf(verifyAccessToken(access.token, keys.access, 60, START_MS + 70_000))).toBe(
      '401 ERR_TOKEN_EXPIRED',
    );
    // An access token is not a refresh token, even with the right key object swapped in.
    expect(await codeOf(verifyRefreshToken(access.token, keys.refresh, 60, START_MS))).toBe(
      '401 ERR_TOKEN_INVALID',
    );
    expect(await codeOf(verifyRefreshToken(access.token, keys.access, 60, START_MS))).toBe(
      '401 ERR_TOKEN_INVALID',
    );

    const rt = await issueRefreshToken(keys.refresh, 'alice', 'fam-1', START_MS / 1000 + 3600, START_MS);
    expect(await verifyRefreshToken(rt.token, keys.refresh, 3600, START_MS)).toMatchObject({
      user: 'alice',
      fam: 'fam-1',
      jti: rt.jti,
    });
    expect(await codeOf(verifyAccessToken(rt.token, keys.access, 3600, START_MS))).toBe(
      '401 ERR_TOKEN_INVALID',
    );
    expect(await codeOf(verifyAccessToken(rt.token, keys.refresh, 3600, START_MS))).toBe(
      '401 ERR_TOKEN_INVALID',
    );
  });

  it('maps errors: only expiry is ERR_TOKEN_EXPIRED; TypeError and the rest are ERR_TOKEN_INVALID', () => {
    expect(toTokenError(new errors.JWTExpired('x', {})).code).toBe('ERR_TOKEN_EXPIRED');
    for (const error of [
      new TypeError('Key for the HS256 algorithm must be of type CryptoKey'),
      new errors.JWSSignatureVerificationFailed(),
      new errors.JOSEAlgNotAllowed('x'),
      new errors.JOSENotSupported('x'),
      new errors.JWSInvalid('x'),
      new errors.JWTClaimValidationFailed('x', {}),
      new SyntaxError('json'),
      'a string',
      undefined,
    ]) {
      const mapped = toTokenError(error);
      expect(mapped.code).toBe('ERR_TOKEN_INVALID');
      expect(mapped.statusCode).toBe(401);
    }
  });
});
