import type { ClientRequest, IncomingMessage } from 'node:http';
import { ServerResponse } from 'node:http';
import type { Target } from './target.ts';

/**
 * The balancer's per-request state lives in declared fields of the response object itself
 * (`http.createServer({ ServerResponse: LbResponse })`), so handlers need no closures or side
 * maps. It is kept on the response, not the request: IncomingMessage is also the class of every
 * upstream response, and a second request shape would make Node's shared stream code polymorphic.
 */
export class LbResponse extends ServerResponse<IncomingMessage> {
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
