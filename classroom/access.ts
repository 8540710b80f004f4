import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthscaleError } from '../lib/errors.ts';
import { assertSameSite } from '../nodes/http/cross-site.ts';
import { isLoopbackHost } from './args.ts';

/**
 * Who may change the cluster. Anyone who can reach the console may watch and log in; a control
 * needs either
 * - a loopback peer (the teacher's own machine) that also named a loopback host in `Host` (a page
 *   on another site rebinding its DNS name to 127.0.0.1 names its own host, not ours), or
 * - the `x-control-token` printed at start (compared in constant time).
 * And never cross-site: the console's own page sends same-origin JSON; another site's page in the
 * teacher's browser could otherwise drive the cluster (CSRF).
 */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  // Equal-length digests: timingSafeEqual leaks neither the content nor the length.
  return timingSafeEqual(digest(given), digest(expected));
}

function hostName(header: string | undefined): string {
  if (!header) return '';
  const bracket = /^\[([^\]]+)\]/.exec(header);
  if (bracket) return bracket[1]!;
  return header.replace(/:\d+$/, '');
}

export function isLoopbackRequest(request: FastifyRequest): boolean {
  const peer = request.socket.remoteAddress ?? '';
  return isLoopbackHost(peer) && isLoopbackHost(hostName(request.headers.host));
}

export function assertMayControl(request: FastifyRequest, controlToken: string): void {
  assertSameSite(request);
  if (isLoopbackRequest(request)) return;
  if (!tokenMatches(request.headers['x-control-token'], controlToken)) {
    throw new AuthscaleError(
      'ERR_FORBIDDEN',
      'controls from another machine need the x-control-token header printed at start',
    );
  }
}
