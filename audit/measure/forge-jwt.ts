import { randomBytes } from 'node:crypto';
import { compactVerify, SignJWT } from 'jose';
import { decodeJwt } from './decode.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HMAC = new Set(['HS256', 'HS384', 'HS512']);

export interface JwtForgery {
  id: string;
  name: string;
  token?: string;
  skipped?: string;
}

/** Another subject for payload-tampered: the next numeric id, else another profile user, else "admin". */
function otherSubject(current: unknown, otherUser: string | undefined): string | number {
  if (typeof current === 'number') return current + 1;
  if (typeof current === 'string' && /^\d+$/.test(current)) return String(Number(current) + 1);
  return otherUser && otherUser !== current ? otherUser : 'admin';
}

/** The app's signing key, when one of its env values verifies the real token (HMAC only). */
async function findKey(
  token: string,
  alg: string,
  candidates: readonly string[],
): Promise<Uint8Array | undefined> {
  if (!HMAC.has(alg)) return undefined;
  for (const candidate of candidates) {
    const key = new TextEncoder().encode(candidate);
    try {
      await compactVerify(token, key, { algorithms: [alg] });
      return key;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/**
 * The JWT forgeries (RFC 8725 §2): unsigned (`alg: none`), signature stripped, payload changed to
 * another subject under the real signature, signed with a wrong key, and — when the app's key is
 * among its env values — correctly signed but expired an hour ago.
 */
export async function jwtForgeries(
  token: string,
  otherUser: string | undefined,
  secrets: readonly string[],
): Promise<JwtForgery[]> {
  const decoded = decodeJwt(token)!;
  const [head, payload, signature] = token.split('.');
  const claims = decoded.claims;
  const subjectField = ['sub', 'user', 'username', 'userId', 'uid'].find((field) => field in claims) ?? 'sub';
  const tampered = { ...claims, [subjectField]: otherSubject(claims[subjectField], otherUser) };
  const header = { ...decoded.header };
  const alg = String(header.alg);
  const now = Math.floor(Date.now() / 1000);
  const key = await findKey(token, alg, secrets);
  const { alg: _alg, ...rest } = header;
  const expired = key
    ? await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
        .setProtectedHeader({ ...rest, alg })
        .sign(key)
    : undefined;
  return [
    { id: 'alg-none', name: 'alg: none (unsigned)', token: `${b64({ ...header, alg: 'none' })}.${payload}.` },
    { id: 'signature-stripped', name: 'signature stripped', token: `${head}.${payload}.` },
    {
      id: 'payload-tampered',
      name: `payload changed (${subjectField} → another user)`,
      token: `${head}.${b64(tampered)}.${signature}`,
    },
    {
      id: 'wrong-key',
      name: 'signed with another key',
      token: await new SignJWT(claims).setProtectedHeader({ ...rest, alg: 'HS256' }).sign(randomBytes(32)),
    },
    expired
      ? { id: 'expired', name: 'real key, expired an hour ago', token: expired }
      : { id: 'expired', name: 'real key, expired an hour ago', skipped: 'key-unknown' },
  ];
}

/** A signed cookie value with the first signature character changed (or the middle one, unsigned). */
export function flipped(value: string): string {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // keep
  }
  const dot = decoded.lastIndexOf('.');
  const at = dot >= 0 && dot < decoded.length - 1 ? dot + 1 : Math.floor(decoded.length / 2);
  const char = decoded.charAt(at);
  const swapped = char === 'A' ? 'B' : 'A';
  const result = `${decoded.slice(0, at)}${swapped}${decoded.slice(at + 1)}`;
  return decoded === value ? result : encodeURIComponent(result);
}

export function truncated(value: string): string {
  return value.slice(0, Math.max(1, value.length - 4));
}
