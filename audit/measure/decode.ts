import { inflateSync } from 'node:zlib';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const fromBase64 = (part: string) => Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

/** A JWT (JWS compact form) decoded without verifying it; undefined when it is not one. */
export function decodeJwt(value: string): DecodedJwt | undefined {
  const token = value.replace(/^Bearer\s+/i, '').trim();
  if (!JWT_SHAPE.test(token)) return undefined;
  const [head, body] = token.split('.');
  const header = jsonObject(fromBase64(head ?? '').toString());
  const claims = jsonObject(fromBase64(body ?? '').toString());
  return header && typeof header.alg === 'string' && claims ? { header, claims } : undefined;
}

/** The raw token inside a credential value (`Bearer x.y.z` → `x.y.z`), when it is a JWT. */
export function jwtIn(value: string): string | undefined {
  const token = value.replace(/^Bearer\s+/i, '').trim();
  return decodeJwt(token) ? token : undefined;
}

/**
 * The user's data inside a cookie value, when the cookie *is* the session: a Flask/itsdangerous
 * cookie (`base64(JSON).timestamp.signature`, or `.` + base64(zlib(JSON)) when compressed), a
 * koa-session cookie (base64 JSON), or any segment that decodes to a JSON object.
 */
export function decodeClientSession(
  value: string,
): { as: 'json' | 'signed-json'; data: Record<string, unknown> } | undefined {
  let text = value;
  try {
    text = decodeURIComponent(value);
  } catch {
    // not URI-encoded
  }
  text = text.replace(/^"|"$/g, '');
  if (text.startsWith('.')) {
    try {
      const data = jsonObject(inflateSync(fromBase64(text.slice(1).split('.')[0] ?? '')).toString());
      if (data) return { as: 'signed-json', data };
    } catch {
      // not zlib
    }
  }
  const segments = text.split(/\.|--/);
  for (const segment of segments) {
    if (segment.length < 4) continue;
    const data = jsonObject(fromBase64(segment).toString());
    if (data) return { as: segments.length > 1 ? 'signed-json' : 'json', data };
  }
  return undefined;
}

/** Rails' cookie store: `data--iv--tag` (encrypted) or `data--digest` (signed), named `*_session`. */
export function looksLikeRailsSession(name: string, value: string): boolean {
  return (
    /_session$/.test(name) && /^[A-Za-z0-9+/=%]{16,}--[A-Za-z0-9+/=%]+(--[A-Za-z0-9+/=%]+)?$/.test(value)
  );
}

/**
 * The random part of an opaque session id and its estimated entropy: length × bits per character
 * of the smallest usual alphabet it fits (hex 4, alphanumeric ≈5.95, base64 6). An upper bound:
 * it cannot see how the id was generated. Signed express/Fastify values (`s:id.sig`) count the id only.
 */
export function opaqueId(value: string): { length: number; bits: number } {
  let text = value;
  try {
    text = decodeURIComponent(value);
  } catch {
    // keep as is
  }
  text = text.replace(/^s:/, '');
  if (text.includes('.')) text = text.slice(0, text.indexOf('.'));
  const perChar = /^[0-9a-f]+$/i.test(text)
    ? 4
    : /^[A-Za-z0-9]+$/.test(text)
      ? Math.log2(62)
      : /^[A-Za-z0-9_+/=-]+$/.test(text)
        ? 6
        : Math.log2(94);
  return { length: text.length, bits: Math.floor(text.replace(/=+$/, '').length * perChar) };
}
