import { createHmac, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { deriveKeyBytes } from '../../nodes/auth/jwt/keys.ts';

/**
 * What an attacker (or a class exercise) can build by hand: JWTs with forged headers, payloads
 * and signatures, and session cookies signed the way @fastify/cookie signs them. Used by the
 * attacks scenario; the `secret` variants need the cluster's AUTH_SECRET (known when we launched
 * the cluster) and show that even a correctly signed token is refused when it is expired.
 */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function accessClaims(user: string, nowSeconds = Math.floor(Date.now() / 1000), ttl = 900) {
  return {
    iss: 'authscale',
    aud: 'authscale-api',
    sub: user,
    iat: nowSeconds,
    exp: nowSeconds + ttl,
    jti: randomBytes(16).toString('base64url'),
  };
}

/** An unsigned token: `alg: none`, empty signature segment. */
export function algNoneToken(user: string): string {
  return `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(accessClaims(user))}.`;
}

/** header.payload. — the signature removed from a real token. */
export function stripSignature(token: string): string {
  const [header, payload] = token.split('.');
  return `${header}.${payload}.`;
}

/** The real signature over a payload changed to another user. */
export function tamperPayload(token: string, user: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${b64({ ...claims, sub: user })}.${signature}`;
}

export function signHs256(
  claims: Record<string, unknown>,
  key: Uint8Array,
  header: Record<string, unknown> = {},
) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...header }).sign(key);
}

/** Signed with the cluster's real access key, but expired an hour ago. */
export function expiredToken(user: string, secret: string): Promise<string> {
  const past = Math.floor(Date.now() / 1000) - 3600;
  return signHs256(accessClaims(user, past - 900, 900), deriveKeyBytes(secret).access);
}

/** A correctly shaped token signed with a random key. */
export function wrongKeyToken(user: string): Promise<string> {
  return signHs256(accessClaims(user), randomBytes(32));
}

/** Real key, but the claims of another token kind (typ JWT, another audience). */
export function wrongTypeToken(user: string, secret: string): Promise<string> {
  return signHs256({ ...accessClaims(user), aud: 'authscale-refresh' }, deriveKeyBytes(secret).access, {
    typ: 'JWT',
  });
}

/** Claims an asymmetric algorithm over an HMAC signature (algorithm confusion). */
export function algConfusionToken(user: string): string {
  const signature = createHmac('sha256', 'public-key-as-hmac-secret').update('x').digest('base64url');
  return `${b64({ alg: 'RS256', typ: 'at+jwt' })}.${b64(accessClaims(user))}.${signature}`;
}

/** @fastify/cookie's format: `value.base64(HMAC-SHA256(value))` without padding, URL-encoded. */
export function signCookieValue(value: string, secret: string | Buffer): string {
  const signature = createHmac('sha256', secret).update(value).digest('base64').replace(/=/g, '');
  return encodeURIComponent(`${value}.${signature}`);
}

/** A session id of the shape nodes issue (32 random bytes, base64url). */
export function randomSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** Flips the first character of the signature of a signed cookie value (the last one may be padding bits). */
export function tamperCookieSignature(cookieValue: string): string {
  const decoded = decodeURIComponent(cookieValue);
  const dot = decoded.lastIndexOf('.');
  const first = decoded.charAt(dot + 1);
  const flipped = first === 'A' ? 'B' : 'A';
  return encodeURIComponent(`${decoded.slice(0, dot)}.${flipped}${decoded.slice(dot + 2)}`);
}

/** The bare id of a signed cookie value (signature stripped). */
export function unsignedCookieValue(cookieValue: string): string {
  const decoded = decodeURIComponent(cookieValue);
  return decoded.slice(0, decoded.lastIndexOf('.'));
}
