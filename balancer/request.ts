import type { ClientRequest, ServerResponse } from 'node:http';
import { IncomingMessage } from 'node:http';
import type { Target } from './target.ts';

/**
 * The balancer's per-request state lives in declared fields of the request object itself
 * (`http.createServer({ IncomingMessage: LbRequest })`), so handlers need no closures or side maps
 * and V8 sees one stable object shape.
 */
export class LbRequest extends IncomingMessage {
  /** The response being written for this request. */
  lbRes: ServerResponse | null = null;
  /** Target of the current attempt. */
  lbTarget: Target | null = null;
  /** 0 for the first attempt, 1 after the single GET/HEAD retry. */
  lbAttempt = 0;
  /** Upstream request of the current attempt (from http-proxy's `proxyReq` event). */
  lbProxyReq: ClientRequest | null = null;
  /** `Set-Cookie` value to add to the response (sticky strategy re-pinning), else null. */
  lbSetCookie: string | null = null;
  /** The client went away before the response finished. */
  lbAborted = false;
  /** The balancer already answered (504 timeout); later upstream errors are ignored. */
  lbAnswered = false;
}
