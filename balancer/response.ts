import type { IncomingMessage } from 'node:http';
import { ServerResponse } from 'node:http';
import type { Exchange } from './forward.ts';

/**
 * The balancer's per-request state hangs off the response object itself
 * (`http.createServer({ ServerResponse: LbResponse })`), so the shared handlers need no closures
 * or side maps.
 */
export class LbResponse extends ServerResponse<IncomingMessage> {
  /** The forwarding in progress (null before dispatch and for the balancer's own answers). */
  lbExchange: Exchange | null = null;
  /** `Set-Cookie` value to add to the response (sticky strategy re-pinning), else null. */
  lbSetCookie: string | null = null;
}
