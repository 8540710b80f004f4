import type { FastifyRequest } from 'fastify';
import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * The node's own logger, kept outside Fastify: the app is built with `logger: false`. With a
 * logger, Fastify gives every request a child logger and puts two listeners on every response
 * ('finish' and 'error', for request logging, which the node keeps off), whether a line is ever
 * written or not. Measured with `npm run bench -- peers`' harness (jwt with its cache, 1000 req/s,
 * 8 paired rounds): 8 % of the node's CPU per request, in every round (docs/benchmarks.md).
 * The node writes few lines (store transitions, fail-open, unhandled errors, a requested crash);
 * a request's line carries its reqId, as Fastify's request logger would.
 */
export type NodeLog = Pick<Logger, 'warn' | 'error'>;

/** JSON lines at level "warn" to `destination` (default stdout). */
export function createNodeLog(destination?: DestinationStream): NodeLog {
  return destination ? pino({ level: 'warn' }, destination) : pino({ level: 'warn' });
}

/** Writes nothing: the node built by a test that does not read its lines. */
export const SILENT_LOG: NodeLog = pino({ level: 'silent' });

/** A request's line: its reqId first, as Fastify's request logger binds it, then the fields. */
export function requestLine(request: FastifyRequest, fields: Record<string, unknown> = {}) {
  return { reqId: request.id, ...fields };
}
