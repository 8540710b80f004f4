import type { IncomingMessage } from 'node:http';

/**
 * Headers that describe one hop, not the message (RFC 9110 §7.6.1), plus `expect` (Node already
 * answered `100 Continue` to the client). Neither side of the proxy may see the other's.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'http2-settings',
  'expect',
]);

/** Forwarding headers rebuilt by the balancer (kept from trusted peers only). */
const XFF = 'x-forwarded-for';
const XFP = 'x-forwarded-proto';
const XFH = 'x-forwarded-host';
const XFPORT = 'x-forwarded-port';
const FORWARDED = 'forwarded';

export interface RequestHead {
  /** Flat `[name, value, …]` for undici. */
  headers: string[];
  /** The request announces a body (Content-Length > 0 or Transfer-Encoding). */
  hasBody: boolean;
}

/** Names listed in a `Connection` header (other than keep-alive/close) are hop-by-hop too. */
function connectionTokens(value: string): Set<string> | null {
  let tokens: Set<string> | null = null;
  for (const raw of value.split(',')) {
    const token = raw.trim().toLowerCase();
    if (token === '' || token === 'close' || token === 'keep-alive') continue;
    tokens ??= new Set();
    tokens.add(token);
  }
  return tokens;
}

/**
 * The header list sent upstream (flat `[name, value, …]`, as undici takes it), built from the
 * client's raw headers in one pass:
 * - hop-by-hop headers are dropped;
 * - `X-Forwarded-For/-Proto/-Host/-Port` and `Forwarded` are kept only when the peer is a trusted
 *   proxy (`TRUST_PROXY`); then the peer is appended to `-For`. From anyone else they are replaced
 *   by the balancer's own view (peer address, `http`, the Host header, the local port), so a
 *   client can neither fake its address nor claim HTTPS — while `COOKIE_SECURE=auto` still sees
 *   `https` from a TLS terminator in front.
 */
export function upstreamHeaders(req: IncomingMessage, trusted: boolean): RequestHead {
  const raw = req.rawHeaders;
  const out: string[] = [];
  let forwardedFor = '';
  let proto = '';
  let forwardedHost = '';
  let forwardedPort = '';
  let host = '';
  let hasBody = false;
  let dropAlso: Set<string> | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) {
      if (lower === 'connection') dropAlso = connectionTokens(value) ?? dropAlso;
      else if (lower === 'transfer-encoding') hasBody = true;
      continue;
    }
    if (lower === 'content-length' && value !== '0') hasBody = true;
    if (lower.charCodeAt(0) === 120 /* x */ && lower.startsWith('x-forwarded-')) {
      if (!trusted) continue;
      if (lower === XFF) forwardedFor = forwardedFor ? `${forwardedFor}, ${value}` : value;
      else if (lower === XFP) proto ||= value;
      else if (lower === XFH) forwardedHost ||= value;
      else if (lower === XFPORT) forwardedPort ||= value;
      else out.push(name, value);
      continue;
    }
    if (lower === FORWARDED && !trusted) continue;
    if (lower === 'host') host ||= value;
    out.push(name, value);
  }
  // Names a client listed in `Connection` go too, but never the balancer's own headers below.
  const headers = dropAlso ? withoutNames(out, dropAlso) : out;
  const socket = req.socket;
  const peer = socket.remoteAddress ?? '';
  headers.push(
    XFF,
    forwardedFor ? `${forwardedFor}, ${peer}` : peer,
    XFP,
    proto || 'http',
    XFH,
    forwardedHost || host,
    XFPORT,
    forwardedPort || String(socket.localPort ?? ''),
  );
  return { headers, hasBody };
}

function withoutNames(headers: string[], names: Set<string>): string[] {
  const kept: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    if (!names.has(headers[i]!.toLowerCase())) kept.push(headers[i]!, headers[i + 1]!);
  }
  return kept;
}

/** True for a response header the client must not receive from the upstream hop. */
export function isHopByHop(lowerName: string): boolean {
  return HOP_BY_HOP.has(lowerName);
}
