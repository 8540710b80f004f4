import { hkdfSync, webcrypto } from 'node:crypto';

export interface JwtKeys {
  access: CryptoKey;
  refresh: CryptoKey;
}

/** Derives one 256-bit HMAC key per purpose from AUTH_SECRET (HKDF-SHA256, distinct `info`). */
function derive(secret: string, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'authscale-jwt-v1', `authscale ${purpose} token`, 32));
}

/** Raw derived key bytes; exported for tests that forge tokens with the real key. */
export function deriveKeyBytes(secret: string): { access: Uint8Array; refresh: Uint8Array } {
  return { access: derive(secret, 'access'), refresh: derive(secret, 'refresh') };
}

function importHmac(bytes: Uint8Array): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]) as Promise<CryptoKey>;
}

/**
 * Imports both keys once (jose would re-import a Uint8Array on every call). Separate keys mean a
 * refresh token cannot verify as an access token even if the `typ`/`aud` checks were bypassed.
 * Every node with the same AUTH_SECRET derives the same keys, so nodes accept each other's tokens.
 */
export async function importJwtKeys(secret: string): Promise<JwtKeys> {
  const bytes = deriveKeyBytes(secret);
  const [access, refresh] = await Promise.all([importHmac(bytes.access), importHmac(bytes.refresh)]);
  return { access, refresh };
}
