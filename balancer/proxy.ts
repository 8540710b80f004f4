import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import httpProxy from 'http-proxy';
import { addForwardedHeaders } from './forwarded.ts';
import { sendError, UPSTREAM_TIMEOUT, UPSTREAM_UNAVAILABLE } from './reply.ts';
import type { LbResponse } from './response.ts';
import type { Strategy } from './strategies/index.ts';
import type { Target } from './target.ts';

export interface ProxyCounters {
  retries: number;
}

/** http-proxy accepts `web(req, res, callback)` (options omitted); its typings do not say so. */
interface CallbackProxy {
  web(req: IncomingMessage, res: ServerResponse, callback: httpProxy.ErrorCallback): void;
}

const kLbResponse = Symbol('lbResponse');
type TaggedClientRequest = ClientRequest & { [kLbResponse]?: LbResponse };

/**
 * Forwarding through http-proxy, one ProxyServer per target with a preconstructed options object
 * (target already parsed, shared keep-alive agent) so `proxy.web(req, res, cb)` copies nothing.
 * All handlers are created once per balancer; per-request state lives on LbResponse.
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
  start(req: IncomingMessage, res: LbResponse, target: Target): void {
    addForwardedHeaders(req);
    res.once('close', this.onClientClose);
    this.forward(req, res, target);
  }

  private forward(req: IncomingMessage, res: LbResponse, target: Target): void {
    res.lbTarget = target;
    res.lbProxyReq = null;
    target.requests++;
    this.proxies[target.index]!.web(req, res, this.onProxyError);
  }

  /** Emitted by http-proxy once the upstream request has a socket. */
  private readonly onProxyReq = (
    proxyReq: ClientRequest,
    _req: IncomingMessage,
    res: ServerResponse,
  ): void => {
    const lbRes = res as LbResponse;
    lbRes.lbProxyReq = proxyReq;
    if (lbRes.lbAborted) {
      // The client left while this request waited for a pooled socket.
      proxyReq.destroy();
      return;
    }
    (proxyReq as TaggedClientRequest)[kLbResponse] = lbRes;
    proxyReq.setTimeout(this.timeoutMs, this.onUpstreamTimeout);
  };

  private readonly onProxyRes = (
    proxyRes: IncomingMessage,
    _req: IncomingMessage,
    res: ServerResponse,
  ): void => {
    const lbRes = res as LbResponse;
    const target = lbRes.lbTarget!;
    proxyRes.once('close', this.onUpstreamResponseClose);
    target.countStatus(proxyRes.statusCode ?? 0);
    target.learnNodeId(proxyRes.headers['x-node-id']);
    const cookie = lbRes.lbSetCookie;
    if (cookie !== null) {
      // http-proxy copies upstream headers with setHeader (replacing), so add ours to theirs.
      const upstream = proxyRes.headers['set-cookie'];
      proxyRes.headers['set-cookie'] = upstream ? [...upstream, cookie] : [cookie];
    }
  };

  /** `this` is the upstream ClientRequest (listener registered with proxyReq.setTimeout). */
  private readonly onUpstreamTimeout = function (this: TaggedClientRequest): void {
    const res = this[kLbResponse];
    this.destroy();
    if (!res || res.lbAnswered || res.lbAborted) return;
    res.lbAnswered = true;
    const target = res.lbTarget!;
    target.errors++;
    target.timeouts++;
    sendError(res, UPSTREAM_TIMEOUT);
  };

  /**
   * `this` is the upstream response. http-proxy pipes it to the client but ignores it dying
   * midway (upstream crash): without this the client would wait forever for the rest.
   */
  private readonly onUpstreamResponseClose = function (
    this: IncomingMessage & { req?: TaggedClientRequest },
  ): void {
    if (this.complete) return;
    const res = this.req?.[kLbResponse];
    if (!res || res.lbAborted || res.lbAnswered) return;
    res.lbAnswered = true;
    res.lbTarget!.errors++;
    res.destroy();
  };

  /** `this` is the client's response. */
  private readonly onClientClose = function (this: LbResponse): void {
    if (this.writableFinished) return;
    // Client aborted before the response ended: free the upstream socket now. http-proxy only
    // aborts on the request's 'aborted' event, which Node no longer emits once the request body
    // is complete — the known leak of pooled sockets held by abandoned requests.
    this.lbAborted = true;
    if (this.lbTarget) this.lbTarget.aborts++;
    const proxyReq = this.lbProxyReq;
    if (proxyReq && !proxyReq.destroyed) proxyReq.destroy();
  };

  private readonly onProxyError = (
    error: Error,
    req: IncomingMessage,
    res: ServerResponse | Socket,
  ): void => {
    const lbRes = res as LbResponse;
    if (lbRes.lbAnswered || lbRes.lbAborted) return;
    const target = lbRes.lbTarget;
    if (!target) {
      sendError(lbRes, UPSTREAM_UNAVAILABLE);
      return;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const proxyReq = lbRes.lbProxyReq;
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
      !lbRes.headersSent &&
      lbRes.lbAttempt === 0 &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      hasNoBody(req)
    ) {
      const next = this.strategy.retry(lbRes, target);
      if (next) {
        lbRes.lbAttempt = 1;
        this.counters.retries++;
        this.forward(req, lbRes, next);
        return;
      }
    }
    sendError(lbRes, UPSTREAM_UNAVAILABLE);
  };
}

/** A request body was already streamed to the failed attempt and cannot be replayed. */
function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}
