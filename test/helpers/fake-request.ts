import type { FastifyRequest } from 'fastify';

/** Just the request fields the header and protocol checks read: no app, no socket. */
export function fakeRequest(headers: Record<string, string>, protocol = 'http'): FastifyRequest {
  return { headers, protocol } as unknown as FastifyRequest;
}
