import type { IncomingMessage } from 'node:http';
import { isAdminPath } from './admin-path.ts';
import type { BalancerStats } from './build-balancer.ts';
import { answeringOverCap, isOverCap, lingerThenDestroy } from './client-limits.ts';
import type { EventHub } from './events.ts';
import type { Body } from './forward.ts';
import { upstreamHeaders } from './forwarded.ts';
import { matchPathRoute } from './path-routes.ts';
import {
  ADMIN_FORBIDDEN,
  BAD_REQUEST,
  METHOD_NOT_ALLOWED,
  NO_HEALTHY_UPSTREAM,
  NOT_FOUND,
  REQUEST_TIMEOUT,
  sendError,
  sendJson,
  TOO_MANY_CONNECTIONS,
} from './reply.ts';
import { BODY_BUFFER_BYTES, readBody } from './request-body.ts';
import type { LbResponse } from './response.ts';
import type { TrustList } from './trust-proxy.ts';
import type { Upstreams } from './upstreams.ts';

/** Balancer-wide counters; per-target ones live on Target. */
export interface RequestCounters {
  requests: number;
  noHealthyUpstream: number;
  adminRefused: number;
  bodyTimeouts: number;
  overConnectionCap: number;
}

/** What answering a client request needs, built once by buildBalancer. */
export interface RequestContext {
  adminPassthrough: boolean;
  trust: TrustList;
  bodyTimeoutMs: number;
  upstreams: Upstreams;
  counters: RequestCounters;
  events: EventHub;
  stats: () => BalancerStats;
}

/** The server's request listener: checks, `/__lb/*`, the admin guard, then forwarding. */
export function requestListener(ctx: RequestContext): (req: IncomingMessage, res: LbResponse) => void {
  const { counters, upstreams } = ctx;
  return (req, res) => {
    const url = req.url ?? '';
    // Only origin-form targets ("/path"): forwarded verbatim.
    if (url.charCodeAt(0) !== 47) return sendError(res, BAD_REQUEST);
    if (isOverCap(req.socket)) {
      counters.overConnectionCap++;
      answeringOverCap(req.socket);
      res.shouldKeepAlive = false;
      return sendError(res, TOO_MANY_CONNECTIONS);
    }
    if (url.startsWith('/__lb/')) return answerLbRoute(ctx, req, res);
    // Side-origin requests take no part in the balanced figures.
    if (upstreams.sides.length === 0 || !matchPathRoute(upstreams.sides, url)) counters.requests++;
    if (!ctx.adminPassthrough && isAdminPath(url)) {
      counters.adminRefused++;
      return sendError(res, ADMIN_FORBIDDEN);
    }
    const head = upstreamHeaders(req, ctx.trust.trusts(req.socket.remoteAddress));
    if (head.hasBody) receiveBody(ctx, req, res, head.headers);
    else route(ctx, req, res, head.headers, null);
  };
}

/** `GET /__lb/stats` and `GET /__lb/events`, answered by the balancer itself. */
function answerLbRoute(ctx: RequestContext, req: IncomingMessage, res: LbResponse) {
  const path = req.url!.split('?', 1)[0];
  if (path !== '/__lb/stats' && path !== '/__lb/events') return sendError(res, NOT_FOUND);
  if (req.method !== 'GET') return sendError(res, METHOD_NOT_ALLOWED);
  if (path === '/__lb/stats') return sendJson(res, 200, ctx.stats());
  ctx.events.attach(req, res);
}

/** To the side origin whose prefix matches, else to the target the strategy picks. */
function route(ctx: RequestContext, req: IncomingMessage, res: LbResponse, headers: string[], body: Body) {
  const { upstreams } = ctx;
  const side = matchPathRoute(upstreams.sides, req.url!);
  if (side) return upstreams.sideForwarder.start(req, res, side.target, headers, body);
  const target = upstreams.strategy.pick(req, res);
  if (target === null) {
    ctx.counters.noHealthyUpstream++;
    return sendError(res, NO_HEALTHY_UPSTREAM);
  }
  upstreams.forwarder.start(req, res, target, headers, body);
}

/**
 * A request with a body: small bodies are read whole before an upstream connection is taken, and
 * the whole body must arrive within BODY_TIMEOUT (408 otherwise).
 */
function receiveBody(ctx: RequestContext, req: IncomingMessage, res: LbResponse, headers: string[]): void {
  const timer = setTimeout(onBodyTimeout, ctx.bodyTimeoutMs, ctx.counters, req, res);
  const clear = () => clearTimeout(timer);
  req.once('end', clear);
  res.once('close', clear);
  readBody(req, BODY_BUFFER_BYTES, (body) => {
    if (res.headersSent || res.destroyed) return;
    route(ctx, req, res, headers, body);
  });
}

/** The body of `req` did not arrive in time. */
function onBodyTimeout(counters: RequestCounters, req: IncomingMessage, res: LbResponse): void {
  counters.bodyTimeouts++;
  // A streamed body: stop the upstream request, which frees its connection.
  res.lbExchange?.cancel();
  if (res.headersSent) return void res.destroy();
  res.shouldKeepAlive = false;
  sendError(res, REQUEST_TIMEOUT);
  lingerThenDestroy(req.socket);
}
