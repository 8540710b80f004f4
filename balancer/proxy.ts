import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import httpProxy from 'http-proxy';
import { addForwardedHeaders } from './forwarded.ts';
import { sendError, UPSTREAM_TIMEOUT, UPSTREAM_UNAVAILABLE } from './reply.ts';
import type { LbRequest } from './request.ts';
import type { Strategy } from './strategies/index.ts';
import type { Target } from './target.ts';

export interface ProxyCounters {
  retries: number;
}

/** http-proxy accepts `web(req, res, callback)` (options omitted); its typings do not say so. */
interface CallbackProxy {
  web(req: IncomingMessage, res: ServerResponse, callback: httpProxy.ErrorCallback): void;
}

const kLbRequest = Symbol('lbRequest');
type TaggedClientRequest = ClientRequest & { [kLbRequest]?: LbRequest };

/**
 * Forwarding through http-proxy, one ProxyServer per target with a preconstructed options object
 * (target already parsed, shared keep-alive agent) so `proxy.web(req, res, cb)` copies nothing.
 * All handlers are created once per balancer; per-request state lives on LbRequest.
 */
export class ProxyCore {
  readonly counters: ProxyCounters = { retries: 0 };
  private readonly proxies: CallbackProxy[];

  constructor(
    targets: readonly Target[],
    private readonly strategy: Strategy,
    private readonly timeoutMs: number,
  ) {
    this.proxies = targets.map((target) => {
      const proxy = httpProxy.createProxyServer({
        target: target.parsed as unknown as httpProxy.ProxyTargetUrl,
        agent: target.agent,
        // x-forwarded-* are added once per client request by addForwardedHeaders.
        xfwd: false,
        // The request target is origin-form (checked in the handler), so forward req.url as is
        // and skip http-proxy's per-request url.parse().
        toProxy: true,
        prependPath: false,
      });
      proxy.on('proxyReq', this.onProxyReq);
      proxy.on('proxyRes', this.onProxyRes);
      // Only reached when http-proxy has no callback; we always pass one. Keeps EE from throwing.
      proxy.on('error', this.onProxyError);
      return proxy as unknown as CallbackProxy;
    });
  }

  /** Starts forwarding a client request to `target` (first attempt). */
  start(req: LbRequest, res: ServerResponse, target: Target): void {
    req.lbRes = res;
    addForwardedHeaders(req);
    res.once('close', this.onClientClose);
    this.forward(req, res, target);
  }

  private forward(req: LbRequest, res: ServerResponse, target: Target): void {
    req.lbTarget = target;
    req.lbProxyReq = null;
    target.requests++;
    this.proxies[target.index]!.web(req, res, this.onProxyError);
  }

  /** Emitted by http-proxy once the upstream request has a socket. */
  private readonly onProxyReq = (proxyReq: ClientRequest, req: IncomingMessage): void => {
    const lbReq = req as LbRequest;
    lbReq.lbProxyReq = proxyReq;
    if (lbReq.lbAborted) {
      // The client left while this request waited for a pooled socket.
      proxyReq.destroy();
      return;
    }
    (proxyReq as TaggedClientRequest)[kLbRequest] = lbReq;
    proxyReq.setTimeout(this.timeoutMs, this.onUpstreamTimeout);
  };

  private readonly onProxyRes = (proxyRes: IncomingMessage, req: IncomingMessage): void => {
    const lbReq = req as LbRequest;
    const target = lbReq.lbTarget!;
    target.countStatus(proxyRes.statusCode ?? 0);
    target.learnNodeId(proxyRes.headers['x-node-id']);
    const cookie = lbReq.lbSetCookie;
    if (cookie !== null) {
      // http-proxy copies upstream headers with setHeader (replacing), so add ours to theirs.
      const upstream = proxyRes.headers['set-cookie'];
      proxyRes.headers['set-cookie'] = upstream ? [...upstream, cookie] : [cookie];
    }
  };

  /** `this` is the upstream ClientRequest (listener registered with proxyReq.setTimeout). */
  private readonly onUpstreamTimeout = function (this: TaggedClientRequest): void {
    const req = this[kLbRequest];
    this.destroy();
    if (!req || req.lbAnswered || req.lbAborted) return;
    req.lbAnswered = true;
    const target = req.lbTarget!;
    target.errors++;
    target.timeouts++;
    sendError(req.lbRes!, UPSTREAM_TIMEOUT);
  };

  /** `this` is the client's ServerResponse. */
  private readonly onClientClose = function (this: ServerResponse): void {
    if (this.writableFinished) return;
    // Client aborted before the response ended: free the upstream socket now. http-proxy only
    // aborts on the request's 'aborted' event, which Node no longer emits once the request body
    // is complete — the known leak of pooled sockets held by abandoned requests.
    const req = this.req as LbRequest;
    req.lbAborted = true;
    if (req.lbTarget) req.lbTarget.aborts++;
    const proxyReq = req.lbProxyReq;
    if (proxyReq && !proxyReq.destroyed) proxyReq.destroy();
  };

  private readonly onProxyError = (
    error: Error,
    req: IncomingMessage,
    res: ServerResponse | Socket,
  ): void => {
    const lbReq = req as LbRequest;
    const response = res as ServerResponse;
    if (lbReq.lbAnswered) return;
    const target = lbReq.lbTarget;
    if (lbReq.lbAborted) return;
    if (!target) {
      sendError(response, UPSTREAM_UNAVAILABLE);
      return;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const proxyReq = lbReq.lbProxyReq;
    const refused = code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
    const reset = code === 'ECONNRESET' || code === 'EPIPE';
    target.errors++;
    // A reset on a reused keep-alive socket is usually the server closing an idle connection:
    // retry, but do not eject a target for it.
    if (refused || (reset && proxyReq !== null && !proxyReq.reusedSocket)) target.eject();
    const noUpstreamResponse = proxyReq === null || !(proxyReq as ClientRequest & { res?: unknown }).res;
    if (
      (refused || reset) &&
      noUpstreamResponse &&
      !response.headersSent &&
      lbReq.lbAttempt === 0 &&
      (req.method === 'GET' || req.method === 'HEAD')
    ) {
      const next = this.strategy.retry(lbReq, target);
      if (next) {
        lbReq.lbAttempt = 1;
        this.counters.retries++;
        this.forward(lbReq, response, next);
        return;
      }
    }
    sendError(response, UPSTREAM_UNAVAILABLE);
  };
}
