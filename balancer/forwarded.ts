import type { IncomingMessage } from 'node:http';

/**
 * `X-Forwarded-*` as http-proxy's `xfwd` option sets them, done once here instead (http-proxy
 * would append a second hop on the GET/HEAD retry). `-For` is appended to; `-Proto` and `-Port`
 * are overwritten because the balancer is the edge and knows them, so a client cannot claim
 * `https`; `-Host` keeps an existing value.
 */
export function addForwardedHeaders(req: IncomingMessage): void {
  const headers = req.headers;
  const socket = req.socket;
  const peer = socket.remoteAddress ?? '';
  const previous = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = previous ? `${previous},${peer}` : peer;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-port'] = String(socket.localPort ?? '');
  if (!headers['x-forwarded-host']) headers['x-forwarded-host'] = headers.host ?? '';
  // Node already answered `100 Continue` to the client; forwarding Expect would also make
  // http-proxy skip its 'proxyReq' event, which the timeout and abort handling hang on.
  if (headers.expect !== undefined) delete headers.expect;
}
