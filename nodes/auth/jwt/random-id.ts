import { randomBytes } from 'node:crypto';

/** 128 random bits from the CSPRNG, base64url: token ids (`jti`) and refresh family ids. */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}
