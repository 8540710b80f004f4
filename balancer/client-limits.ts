import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { HEADERS_TOO_LARGE, MALFORMED, REQUEST_TIMEOUT, rawErrorResponse } from './reply.ts';
import type { LbResponse } from './response.ts';

/** Sockets over their address's cap get this long to send a request (answered 429), else they are cut. */
const OVER_CAP_GRACE_MS = 2000;
/** A socket we answered on a raw error gets this long to read the answer before it is cut. */
const LINGER_MS = 2000;

type LbServer = Server<typeof IncomingMessage, typeof LbResponse>;

const kOverCap = Symbol('overCap');
/** Set on a connection accepted beyond its address's cap: the timer that cuts it if it stays silent. */
type CappedSocket = Socket & { [kOverCap]?: NodeJS.Timeout };

/** True when the connection was accepted beyond its address's cap (answer 429 and close). */
export function isOverCap(socket: Socket): boolean {
  return (socket as CappedSocket)[kOverCap] !== undefined;
}

/** The over-cap connection sent a request: it gets its 429, then the usual linger. */
export function answeringOverCap(socket: Socket): void {
  clearTimeout((socket as CappedSocket)[kOverCap]);
  lingerThenDestroy(socket);
}

/**
 * Counts open connections per client address. A connection beyond `max` is marked: its request
 * gets 429 ERR_TOO_MANY_CONNECTIONS with `Connection: close` (nginx's limit_conn answers at the
 * request too), and it is cut after a short grace if it sends nothing. Counts are kept for every
 * open socket, so the cap frees as soon as one of the address's connections closes.
 */
export function capConnectionsPerClient(server: LbServer, max: number): () => number {
  const open = new Map<string, number>();
  if (max <= 0) return () => 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
    if (count <= max) return;
    const cut = setTimeout(() => socket.destroy(), OVER_CAP_GRACE_MS);
    cut.unref();
    (socket as CappedSocket)[kOverCap] = cut;
    socket.once('close', () => clearTimeout(cut));
  });
  return () => open.size;
}

/**
 * Node's own limits for slow clients — `headersTimeout` for the request head, `requestTimeout` as
 * a backstop for the whole request (the balancer's body timer fires first) — checked often enough
 * to cut a client close to its deadline, and answered with the JSON error bodies of the contract
 * instead of Node's bare status lines.
 */
export function limitSlowClients(server: LbServer, headersTimeoutMs: number, bodyTimeoutMs: number): void {
  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = headersTimeoutMs + bodyTimeoutMs + 1000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage;
    if (!socket.writable || inFlight?.headersSent || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const response =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? rawErrorResponse(REQUEST_TIMEOUT, 'Request Timeout')
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? rawErrorResponse(HEADERS_TOO_LARGE, 'Request Header Fields Too Large')
          : rawErrorResponse(MALFORMED, 'Bad Request');
    socket.end(response);
    lingerThenDestroy(socket);
  });
}

/** Half-closed sockets of clients that never close their side are not kept forever. */
export function lingerThenDestroy(socket: Socket): void {
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** How often Node checks header/request deadlines: fine enough to cut a client near its limit. */
export function checkingIntervalMs(headersTimeoutMs: number, bodyTimeoutMs: number): number {
  return Math.max(100, Math.min(1000, Math.floor(Math.min(headersTimeoutMs, bodyTimeoutMs) / 4)));
}
