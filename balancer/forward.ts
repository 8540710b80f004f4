import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { isHopByHop } from './forwarded.ts';
import { sendError, UNFORWARDABLE, UPSTREAM_TIMEOUT, UPSTREAM_UNAVAILABLE } from './reply.ts';
import type { LbResponse } from './response.ts';
import type { Strategy } from './strategies/index.ts';
import type { Target } from './target.ts';

/** A request body: buffered (Buffer), streamed (larger than the buffer), or none. */
export type Body = Buffer | Readable | null;

export interface ForwardCounters {
  retries: number;
}

/** Connection-level failures: the target is not there. Eject it and retry a GET elsewhere. */
const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
/** The connection broke before an answer: retry a GET elsewhere, but a reset alone ejects nobody. */
const BROKEN = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

const CLIENT_GONE = Object.assign(new Error('the client went away'), { code: 'LB_CLIENT_GONE' });

/**
 * Forwarding through undici: one keep-alive `Pool` per target, bodies streamed both ways with
 * back-pressure. This is undici's low-level `dispatch` API with its callback handler (one object
 * per request, raw header buffers, no header object built twice): the cheapest path it offers,
 * which is the point of this module (see `npm run bench -- balancer`).
 */
export class Forwarder {
  readonly counters: ForwardCounters = { retries: 0 };

  readonly strategy: Strategy;
  readonly timeoutMs: number;
  /** When set, every relayed answer names its upstream (`host:port`) in this header. */
  readonly upstreamHeader?: string;

  constructor(strategy: Strategy, timeoutMs: number, upstreamHeader?: string) {
    this.strategy = strategy;
    this.timeoutMs = timeoutMs;
    this.upstreamHeader = upstreamHeader;
  }

  /** Forwards `req` to `target`; the response, errors, retry and client aborts are handled here. */
  start(req: IncomingMessage, res: LbResponse, target: Target, headers: string[], body: Body): void {
    const exchange = new Exchange(this, req, res, headers, body);
    res.lbExchange = exchange;
    res.on('close', onClientClose);
    exchange.dispatch(target);
  }
}

/** `this` is the client's response: a client that left early frees its upstream request at once. */
function onClientClose(this: LbResponse): void {
  const exchange = this.lbExchange;
  if (exchange === null || this.writableFinished) return;
  exchange.cancel();
}

/** One client request on its way upstream (undici dispatch handler). */
export class Exchange implements Dispatcher.DispatchHandler {
  target: Target | null = null;
  /** 0 for the first attempt, 1 after the single GET/HEAD retry. */
  attempt = 0;
  /** The client left before the response ended. */
  aborted = false;
  /** The balancer already answered (or cut) the client; later upstream events are ignored. */
  answered = false;
  private abortUpstream: ((error?: Error) => void) | null = null;
  private resumeUpstream: (() => void) | null = null;
  private readonly options: Dispatcher.DispatchOptions;

  private readonly forwarder: Forwarder;
  private readonly req: IncomingMessage;
  private readonly res: LbResponse;
  private readonly body: Body;

  constructor(forwarder: Forwarder, req: IncomingMessage, res: LbResponse, headers: string[], body: Body) {
    this.forwarder = forwarder;
    this.req = req;
    this.res = res;
    this.body = body;
    this.options = {
      path: req.url!,
      method: req.method as Dispatcher.HttpMethod,
      headers,
      body,
      headersTimeout: forwarder.timeoutMs,
      bodyTimeout: forwarder.timeoutMs,
    };
  }

  dispatch(target: Target): void {
    this.target = target;
    this.abortUpstream = null;
    target.requests++;
    target.pool.dispatch(this.options, this);
  }

  /** The client is gone (or timed out): stop the upstream request and free its socket. */
  cancel(): void {
    if (this.aborted) return;
    this.aborted = true;
    if (this.target) this.target.aborts++;
    // Still queued for a pooled connection: onConnect aborts it when its turn comes.
    this.abortUpstream?.(CLIENT_GONE);
  }

  onConnect(abort: (error?: Error) => void): void {
    if (this.aborted) abort(CLIENT_GONE);
    else this.abortUpstream = abort;
  }

  onHeaders(statusCode: number, raw: Buffer[], resume: () => void, statusText: string): boolean {
    const res = this.res;
    const target = this.target!;
    this.resumeUpstream = resume;
    target.countStatus(statusCode);
    const headers: string[] = [];
    for (let i = 0; i < raw.length; i += 2) {
      // latin1 both ways: header bytes reach the client unchanged.
      const name = raw[i]!.toString('latin1');
      const lower = name.toLowerCase();
      if (isHopByHop(lower)) continue;
      const value = raw[i + 1]!.toString('latin1');
      if (lower === 'x-node-id') target.learnNodeId(value);
      headers.push(name, value);
    }
    if (res.lbSetCookie !== null) headers.push('set-cookie', res.lbSetCookie);
    const named = this.forwarder.upstreamHeader;
    if (named !== undefined) headers.push(named, `${target.host}:${target.port}`);
    try {
      if (statusText) res.writeHead(statusCode, statusText, headers);
      else res.writeHead(statusCode, headers);
    } catch {
      // An answer Node refuses to relay (e.g. status 1000): the upstream is broken.
      target.errors++;
      this.answered = true;
      this.abortUpstream?.(CLIENT_GONE);
      sendError(res, UPSTREAM_UNAVAILABLE);
      return false;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.res.write(chunk)) return true;
    // Slow client: pause the upstream socket until the client drains (bounded memory).
    this.res.once('drain', this.resumeUpstream!);
    return false;
  }

  onComplete(): void {
    this.res.end();
  }

  onError(error: Error): void {
    if (this.aborted || this.answered) return;
    const res = this.res;
    const target = this.target!;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'UND_ERR_INVALID_ARG') {
      // A request undici refuses to send (a header it cannot forward): the client's fault.
      this.answered = true;
      sendError(res, UNFORWARDABLE);
      return;
    }
    target.errors++;
    if (TIMEOUTS.has(code)) {
      // Slow is not dead: no ejection. undici has already closed the upstream socket.
      target.timeouts++;
      this.answered = true;
      sendError(res, UPSTREAM_TIMEOUT);
      return;
    }
    const refused = REFUSED.has(code);
    if (refused) target.eject();
    if ((refused || BROKEN.has(code)) && this.retryable()) {
      const next = this.forwarder.strategy.retry(res, target);
      if (next) {
        this.attempt = 1;
        this.forwarder.counters.retries++;
        this.dispatch(next);
        return;
      }
    }
    // After the headers went out this cuts the client connection (no 502 glued to a 200).
    this.answered = true;
    sendError(res, UPSTREAM_UNAVAILABLE);
  }

  /** Only an idempotent request with no body, not yet answered, gets the single retry. */
  private retryable(): boolean {
    const method = this.req.method;
    return (
      this.attempt === 0 &&
      !this.res.headersSent &&
      this.body === null &&
      (method === 'GET' || method === 'HEAD')
    );
  }
}
