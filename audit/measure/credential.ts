import type { AuditUser } from '../client/user.ts';
import type { CredentialResult } from '../types.ts';
import { decodeClientSession, decodeJwt, looksLikeRailsSession, opaqueId } from './decode.ts';

function lifetime(claims: Record<string, unknown>): number | null {
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  if (exp === undefined) return null;
  const iat = typeof claims.iat === 'number' ? claims.iat : Math.floor(Date.now() / 1000);
  return exp - iat;
}

/**
 * What the app hands the client after login: which cookies or headers, with which attributes,
 * how many bytes every request carries, and what is inside — a JWT (decoded), a cookie that holds
 * the session data itself (client-side session), or an opaque id (estimated entropy).
 */
export function analyseCredential(user: AuditUser): CredentialResult {
  const credential = user.credential();
  const bytes = Object.entries(credential.headers).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(`${name}: ${value}`),
    0,
  );
  const cookies = credential.cookies;
  const values =
    credential.kind === 'cookie'
      ? cookies.map((c) => ({ name: c.name, value: c.value }))
      : Object.entries(credential.headers).map(([name, value]) => ({ name, value }));
  const ages = cookies.map((c) => c.maxAgeSeconds).filter((age): age is number => age !== undefined);
  const result: CredentialResult = {
    kind: credential.kind,
    names: credential.kind === 'cookie' ? cookies.map((c) => c.name) : Object.keys(credential.headers),
    bytes,
    attributes: {
      httpOnly: cookies.length > 0 && cookies.every((c) => c.httpOnly),
      secure: cookies.length > 0 && cookies.every((c) => c.secure),
      sameSite: cookies.find((c) => c.sameSite)?.sameSite ?? null,
      maxAgeSeconds: ages.length > 0 ? Math.min(...ages) : null,
    },
    clientSideSession: false,
  };
  for (const { name, value } of values) {
    const jwt = decodeJwt(value);
    if (jwt) {
      result.jwt = { ...jwt, lifetimeSeconds: lifetime(jwt.claims) };
      result.clientSideSession = true;
      result.decodedAs = 'jwt';
      return result;
    }
    const session = decodeClientSession(value);
    if (session || looksLikeRailsSession(name, value)) {
      result.clientSideSession = true;
      result.decodedAs = session?.as ?? 'encrypted-cookie';
      return result;
    }
  }
  const first = values[0];
  if (first) {
    const id = opaqueId(first.value.replace(/^Bearer\s+/i, ''));
    result.opaqueIdBits = id.bits;
    result.opaqueIdLength = id.length;
  }
  return result;
}
