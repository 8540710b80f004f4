import { createHash } from 'node:crypto';
import {
  type Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type Socket } from 'node:net';
import { type Balancer, type BalancerOptions, buildBalancer } from '../../balancer/build-balancer.ts';
import type { BalancerConfig } from '../../balancer/config.ts';
import { freePort } from '../../lib/free-port.ts';

/** Plain node:http upstream for balancer tests: answers with `x-node-id`, counts connections. */
export interface Upstream {
  readonly id: string;
  readonly url: string;
  readonly port: number;
  /** Open TCP connections from the balancer right now. */
  connections(): number;
  /** Requests that arrived and are still waiting (the `/hang` route never answers). */
  pending(): number;
  /** Requests other than health checks received so far. */
  requests(): number;
  /** Health answers 503 while true. */
  unhealthy: boolean;
  /** Closes the listener and every connection: the port now refuses. */
  kill(): Promise<void>;
  /** Listens again on the same port. */
  revive(): Promise<void>;
}

export async function startUpstream(id: string): Promise<Upstream> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  const counts: UpstreamCounts = { pending: 0, requests: 0 };
  let server: Server | undefined;
  const upstream: Upstream = {
    id,
    port,
    url: `http://127.0.0.1:${port}`,
    unhealthy: false,
    connections: () => sockets.size,
    pending: () => counts.pending,
    requests: () => counts.requests,
    kill: async () => {
      const s = server;
      server = undefined;
      if (!s) return;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    revive: async () => {
      if (server) return;
      server = await listenUpstream(port, sockets, upstreamListener(upstream, counts));
    },
  };
  await upstream.revive();
  return upstream;
}

interface UpstreamCounts {
  /** Requests waiting on `/hang`. */
  pending: number;
  /** Requests other than health checks. */
  requests: number;
}

/** Listens on `port`, keeping `sockets` as the set of open connections. */
async function listenUpstream(
  port: number,
  sockets: Set<Socket>,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Server> {
  const s = createServer(listener);
  s.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve());
  });
  return s;
}

/** The upstream's routes: /health, then /echo-body, /big/<bytes>, /hang, /partial, else an echo. */
function upstreamListener(
  upstream: Upstream,
  counts: UpstreamCounts,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    res.setHeader('x-node-id', upstream.id);
    if (req.url === '/health') {
      res.statusCode = upstream.unhealthy ? 503 : 200;
      res.end(JSON.stringify({ status: upstream.unhealthy ? 'down' : 'ok', node: upstream.id }));
      return;
    }
    counts.requests++;
    if (req.url?.startsWith('/echo-body')) return echoBodyDigest(req, res);
    if (req.url?.startsWith('/big/')) return streamLarge(res, Number(req.url.slice(5)));
    if (req.url?.startsWith('/hang')) {
      // Reads the body like a real app does (a paused socket would never see the close).
      req.resume();
      counts.pending++;
      res.once('close', () => counts.pending--);
      return;
    }
    if (req.url?.startsWith('/partial')) {
      // Dies mid-response: headers and part of the body, then the connection is cut.
      res.writeHead(200, { 'content-length': '100' });
      res.write('abc', () => res.socket?.destroy());
      return;
    }
    echoRequest(upstream.id, req, res);
  };
}

/** Reads the whole body and answers its length and hash (bodies forwarded intact). */
function echoBodyDigest(req: IncomingMessage, res: ServerResponse): void {
  const hash = createHash('sha256');
  let length = 0;
  req.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    length += chunk.length;
  });
  req.once('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ length, sha256: hash.digest('hex') }));
  });
}

/** A large response in many writes: streamed through with back-pressure. */
function streamLarge(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(total) });
  let sent = 0;
  const more = () => {
    while (sent < total) {
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      if (!res.write(part)) return void res.once('drain', more);
    }
    res.end();
  };
  more();
}

/** Answers what arrived (`/status/<code>` sets the status, `/cookie` a session cookie). */
function echoRequest(id: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.url?.startsWith('/cookie')) res.setHeader('set-cookie', 'sid=abc; Path=/; HttpOnly');
  const status = req.url?.startsWith('/status/') ? Number(req.url.slice(8)) : 200;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      node: id,
      method: req.method,
      url: req.url,
      headers: req.headers,
      forwarded: {
        for: req.headers['x-forwarded-for'],
        proto: req.headers['x-forwarded-proto'],
        host: req.headers['x-forwarded-host'],
        port: req.headers['x-forwarded-port'],
      },
    }),
  );
}

export async function startUpstreams(n: number): Promise<Upstream[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => startUpstream(`node-${i + 1}`)));
}

export interface RunningBalancer {
  readonly balancer: Balancer;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startBalancer(
  config: Partial<BalancerConfig> & Pick<BalancerConfig, 'targets'>,
  options: BalancerOptions = {},
): Promise<RunningBalancer> {
  const balancer = buildBalancer(
    {
      host: '127.0.0.1',
      port: 0,
      strategy: 'round-robin',
      healthIntervalMs: 200,
      // Generous: a loaded 2-core machine must not make a healthy upstream flap.
      healthTimeoutMs: 2000,
      proxyTimeoutMs: 30_000,
      ...config,
    },
    { closeGraceMs: 200, ...options },
  );
  await new Promise<void>((resolve) => balancer.server.listen(0, '127.0.0.1', () => resolve()));
  const address = balancer.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { balancer, port, url: `http://127.0.0.1:${port}`, close: () => balancer.close() };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/** One HTTP request with node:http (so tests control agent, local address and cookies). */
export function send(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    agent?: Agent | false;
    localAddress?: string;
  } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: options.agent ?? false,
        localAddress: options.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('error', reject);
        res.once('end', () => {
          const body = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

/** The `lb=…` pair from a response's Set-Cookie, ready for a Cookie header. */
export function affinityCookie(reply: Reply): string | undefined {
  const found = reply.headers['set-cookie']?.find((c) => c.startsWith('lb='));
  return found?.split(';', 1)[0];
}

/** A raw HTTP/1.1 exchange on its own TCP socket: the request bytes exactly as given. */
export interface RawClient {
  readonly socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves when the server closed the connection (or it failed). */
  readonly closed: Promise<void>;
  /** Status code of the first response, once its status line arrived. */
  status(): number | undefined;
  /** Parsed JSON body of the first response (assumes one response with content-length). */
  json<T = Record<string, unknown>>(): T;
}

export async function rawClient(port: number, request: string, localAddress?: string): Promise<RawClient> {
  const socket = connect({ host: '127.0.0.1', port, ...(localAddress && { localAddress }) });
  let data = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    data += chunk;
  });
  const closed = new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
  });
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  if (request) socket.write(request);
  return {
    socket,
    received: () => data,
    closed,
    status: () => {
      const match = /^HTTP\/1\.1 (\d{3}) /.exec(data);
      return match ? Number(match[1]) : undefined;
    },
    json: () => JSON.parse(bodyOf(data)),
  };
}

/** The body of the first response in `data`: content-length or (simple) chunked framing. */
function bodyOf(data: string): string {
  const end = data.indexOf('\r\n\r\n');
  const head = data.slice(0, end).toLowerCase();
  const rest = data.slice(end + 4);
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length) return rest.slice(0, Number(length[1]));
  if (!head.includes('transfer-encoding: chunked')) return rest;
  let body = '';
  let at = 0;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n', at);
    const size = Number.parseInt(rest.slice(at, lineEnd), 16);
    if (!(size > 0)) return body;
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
