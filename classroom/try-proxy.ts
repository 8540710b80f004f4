import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Agent, request } from 'undici';
import { errorBody, statusOf } from '../lib/error-codes.ts';
import { assertSameSite } from '../nodes/http/cross-site.ts';
import { NO_RESPONSE, type Outcome } from './tally.ts';

/**
 * "Try it yourself": the viewer's own browser logs in *through the balancer*. The balancer is
 * another origin (another port, and on a classroom LAN only the console is reachable), so the
 * console forwards a fixed set of routes under `/try/*` to it. Cookies then stay first-party and
 * keep every attribute the node set (HttpOnly, SameSite) — only their Path gets the `/try` prefix
 * so the browser sends them back to these routes. The page never sees a cookie value: the
 * `x-classroom-set-cookie` header shows each Set-Cookie line with its value cut short and its
 * size, which is what the lesson needs ("how is a session issued?") without weakening HttpOnly.
 *
 * `/try/auth/steal` shows theft: a second client (another connection, no cookies of its own)
 * replays the viewer's credential, the viewer logs out, the thief replays again.
 */
const ROUTES: { method: 'GET' | 'POST'; path: string }[] = [
  { method: 'POST', path: '/auth/login' },
  { method: 'POST', path: '/auth/logout' },
  { method: 'POST', path: '/auth/refresh' },
  { method: 'GET', path: '/api/me' },
  { method: 'GET', path: '/api/public' },
];
const FORWARDED = [
  'content-type',
  'cookie',
  'authorization',
  'origin',
  'sec-fetch-site',
  'user-agent',
  'accept',
];
const BODY_LIMIT = 8 * 1024;
const REPLAYS = 3;

export interface TryProxyOptions {
  balancerUrl: string;
  /** Why the balancer cannot answer right now (a swap in progress), or undefined. */
  unavailable: () => string | undefined;
  record: (kind: 'me' | 'login', outcome: Outcome) => void;
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function rewriteCookiePath(line: string): string {
  return line.replace(
    /;\s*Path=([^;]*)/i,
    (_whole, path: string) => `; Path=/try${path === '/' ? '' : path}`,
  );
}

/** `sid=s%3AAbCd...(91 B); Path=/; HttpOnly; SameSite=Lax`: attributes intact, value cut short. */
export function redactSetCookie(line: string): string {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  const shown = value === '' ? '' : `${value.slice(0, 10)}...(${Buffer.byteLength(pair.trim())} B)`;
  return [`${name}=${shown}`, ...attributes.map((a) => a.trim())].join('; ');
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function outcomeOf(upstream: Upstream): Outcome {
  const node = upstream.headers['x-node-id'];
  let code: string | undefined;
  try {
    const parsed = JSON.parse(upstream.body.toString('utf8')) as { code?: unknown };
    if (typeof parsed.code === 'string') code = parsed.code;
  } catch {
    code = undefined;
  }
  return { nodeId: typeof node === 'string' ? node : undefined, status: upstream.status, code };
}

/** A request to the balancer through `dispatcher`, its body read whole (at most 64 KiB). */
async function sendUpstream(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body: Buffer | undefined,
  dispatcher: Agent,
): Promise<Upstream> {
  const response = await request(url, {
    method,
    headers,
    ...(body !== undefined && body.length > 0 && { body }),
    dispatcher,
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('upstream body too large');
    chunks.push(chunk as Buffer);
  }
  return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) };
}

/** A balancer that did not answer: 503, restarting (with the reason) or unreachable. */
function unreachable(reply: FastifyReply, options: TryProxyOptions) {
  const why = options.unavailable();
  const body = why
    ? errorBody('ERR_CLUSTER_RESTARTING', why)
    : errorBody('ERR_BALANCER_UNREACHABLE', 'the balancer did not answer');
  return reply.code(statusOf(body.code)).header('retry-after', '1').send(body);
}

type Send = (
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  via?: Agent,
) => Promise<Upstream>;

export function tryProxy(app: FastifyInstance, options: TryProxyOptions): void {
  const agent = new Agent({
    connections: 32,
    keepAliveTimeout: 5000,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  // A separate agent: the thief is another client, on connections of its own.
  const thief = new Agent({
    connections: 4,
    keepAliveTimeout: 1000,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  app.addHook('onClose', async () => {
    await Promise.all([agent.close(), thief.close()]);
  });
  const send: Send = (method, path, headers, body, via = agent) =>
    sendUpstream(`${options.balancerUrl}${path}`, method, headers, body, via);

  app.register(async (scope) => {
    // Bodies are forwarded as they came (the node validates them), so no JSON parsing here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    forwardRoutes(scope, options, send);
    stealRoute(scope, options, send, thief);
  });
}

/** /try/… : each of ROUTES passed to the balancer; /api/me and /auth/login answers are counted. */
function forwardRoutes(scope: FastifyInstance, options: TryProxyOptions, send: Send): void {
  for (const route of ROUTES) {
    scope.route({
      method: route.method,
      url: `/try${route.path}`,
      handler: async (req, reply) => {
        const headers = forwardHeaders(req);
        let upstream: Upstream;
        try {
          upstream = await send(route.method, route.path, headers, req.body as Buffer | undefined);
        } catch {
          if (route.path === '/api/me')
            options.record('me', { nodeId: undefined, status: 0, code: NO_RESPONSE });
          return unreachable(reply, options);
        }
        if (route.path === '/api/me') options.record('me', outcomeOf(upstream));
        if (route.path === '/auth/login') options.record('login', outcomeOf(upstream));
        return relay(reply, upstream);
      },
    });
  }
}

/** /try/auth/steal: a thief replays the credentials before and after the owner logs out. */
function stealRoute(scope: FastifyInstance, options: TryProxyOptions, send: Send, thief: Agent): void {
  scope.post('/try/auth/steal', async (req, reply) => {
    assertSameSite(req);
    const stolen = stolenHeaders(req);
    if (!stolen) {
      return reply
        .code(statusOf('ERR_NO_CREDENTIALS'))
        .send(errorBody('ERR_NO_CREDENTIALS', 'log in first: there is nothing to steal'));
    }
    try {
      const replay = async () => {
        const results: ReplySummary[] = [];
        for (let i = 0; i < REPLAYS; i++) {
          const upstream = await send('GET', '/api/me', stolen, undefined, thief);
          options.record('me', outcomeOf(upstream));
          results.push(summary(upstream));
        }
        return results;
      };
      const before = await replay();
      const logout = await send('POST', '/auth/logout', forwardHeaders(req, false), undefined);
      const after = await replay();
      for (const line of asList(logout.headers['set-cookie']))
        reply.header('set-cookie', rewriteCookiePath(line));
      const report: StealReport = { before, logout: summary(logout), after };
      return reply.header('cache-control', 'no-store').send(report);
    } catch {
      return unreachable(reply, options);
    }
  });
}

/** One request's answer as the page shows it. */
export interface ReplySummary {
  node: string | null;
  status: number;
  code: string | null;
}

/** `POST /try/auth/steal`: the thief's replays before and after the viewer's logout. */
export interface StealReport {
  before: ReplySummary[];
  logout: ReplySummary;
  after: ReplySummary[];
}

function summary(upstream: Upstream): ReplySummary {
  const outcome = outcomeOf(upstream);
  return { node: outcome.nodeId ?? null, status: outcome.status, code: outcome.code ?? null };
}

function forwardHeaders(req: FastifyRequest, withOrigin = true): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (typeof value === 'string' && (withOrigin || (name !== 'origin' && name !== 'sec-fetch-site'))) {
      headers[name] = value;
    }
  }
  // The node's CSRF check compares Origin with the host the browser talked to: the console.
  if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
  return headers;
}

/** What a thief who copied the credential would send: the sid (and lb) cookie or the bearer token. */
function stolenHeaders(req: FastifyRequest): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  const cookies = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('sid=') || part.startsWith('lb='));
  if (cookies.some((c) => c.startsWith('sid='))) headers.cookie = cookies.join('; ');
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) headers.authorization = auth;
  return headers.cookie || headers.authorization ? headers : undefined;
}

function relay(reply: FastifyReply, upstream: Upstream): FastifyReply {
  reply.code(upstream.status);
  for (const name of ['content-type', 'x-node-id', 'cache-control', 'retry-after']) {
    const value = upstream.headers[name];
    if (typeof value === 'string') reply.header(name, value);
  }
  const cookies = asList(upstream.headers['set-cookie']);
  for (const line of cookies) reply.header('set-cookie', rewriteCookiePath(line));
  if (cookies.length > 0)
    reply.header('x-classroom-set-cookie', JSON.stringify(cookies.map(redactSetCookie)));
  return reply.send(upstream.body);
}
