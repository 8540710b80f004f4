/**
 * A browser-like cookie jar (RFC 6265 storage and matching, without the public-suffix list):
 * Domain (host-only unless set), Path (default: the request path's directory), Max-Age (wins over
 * Expires), deletion by Max-Age=0 or a past Expires, Secure, HttpOnly, SameSite kept as written so
 * the audit can report them. Cookies ignore ports, as browsers do: replicas on one host share them.
 */
export interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  /** ms since the epoch; undefined for a session cookie. */
  expiresAt?: number;
  /** Max-Age as sent, in seconds (or derived from Expires), for the report. */
  maxAgeSeconds?: number;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
}

function defaultPath(requestPath: string): string {
  const path = requestPath.split('?', 1)[0] ?? '/';
  if (!path.startsWith('/')) return '/';
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function domainMatches(host: string, domain: string, hostOnly: boolean): boolean {
  if (hostOnly) return host === domain;
  return host === domain || host.endsWith(`.${domain}`);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  const path = requestPath.split('?', 1)[0] ?? '/';
  if (path === cookiePath) return true;
  if (!path.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || path.charAt(cookiePath.length) === '/';
}

/** Parses one Set-Cookie line received from `url`; undefined when it must be ignored. */
export function parseSetCookie(line: string, url: URL, now = Date.now()): StoredCookie | undefined {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const cookie: StoredCookie = {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    domain: url.hostname,
    hostOnly: true,
    path: defaultPath(url.pathname),
    secure: false,
    httpOnly: false,
  };
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'domain' && value) {
      const domain = value.replace(/^\./, '').toLowerCase();
      if (!domainMatches(url.hostname, domain, false)) return undefined; // another site's cookie
      cookie.domain = domain;
      cookie.hostOnly = false;
    } else if (key === 'path' && value.startsWith('/')) cookie.path = value;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (key === 'expires' && !Number.isNaN(Date.parse(value))) expires = Date.parse(value);
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'samesite') cookie.sameSite = value;
  }
  if (maxAge !== undefined) {
    cookie.expiresAt = now + maxAge * 1000;
    cookie.maxAgeSeconds = maxAge;
  } else if (expires !== undefined) {
    cookie.expiresAt = expires;
    cookie.maxAgeSeconds = Math.round((expires - now) / 1000);
  }
  return cookie;
}

const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  private static key(cookie: StoredCookie): string {
    return `${cookie.domain};${cookie.path};${cookie.name}`;
  }

  /** Applies a response's Set-Cookie lines; returns the cookies stored (not those deleted). */
  store(setCookie: string | string[] | undefined, url: URL, now = Date.now()): StoredCookie[] {
    const stored: StoredCookie[] = [];
    for (const line of setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const cookie = parseSetCookie(line, url, now);
      if (!cookie) continue;
      const key = CookieJar.key(cookie);
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) this.cookies.delete(key);
      else {
        this.cookies.set(key, cookie);
        stored.push(cookie);
      }
    }
    return stored;
  }

  /** The cookies a browser would send to `url` now, longest path first (RFC 6265 §5.4). */
  matching(url: URL, now = Date.now()): StoredCookie[] {
    const secureOk = url.protocol === 'https:' || isLoopback(url.hostname);
    const found: StoredCookie[] = [];
    for (const [key, cookie] of this.cookies) {
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) {
        this.cookies.delete(key);
        continue;
      }
      if (!domainMatches(url.hostname, cookie.domain, cookie.hostOnly)) continue;
      if (!pathMatches(url.pathname, cookie.path)) continue;
      if (cookie.secure && !secureOk) continue;
      found.push(cookie);
    }
    return found.sort((a, b) => b.path.length - a.path.length);
  }

  /** The Cookie header for `url`, or undefined when nothing matches. */
  header(url: URL, now = Date.now()): string | undefined {
    const pairs = this.matching(url, now).map((cookie) => `${cookie.name}=${cookie.value}`);
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }

  all(): StoredCookie[] {
    return [...this.cookies.values()];
  }
}
