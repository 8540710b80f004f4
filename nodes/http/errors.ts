import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { type ErrorCode, errorBody, statusOf } from '../../lib/error-codes.ts';
import { AuthscaleError } from '../../lib/errors.ts';
import { type NodeLog, requestLine } from '../node-log.ts';

export interface HttpError {
  status: number;
  code: ErrorCode;
  message: string;
  headers: Record<string, string>;
}

const CODES_BY_STATUS: Record<number, ErrorCode> = {
  400: 'ERR_BAD_REQUEST',
  404: 'ERR_NOT_FOUND',
  413: 'ERR_BODY_TOO_LARGE',
  415: 'ERR_UNSUPPORTED_MEDIA_TYPE',
  429: 'ERR_RATE_LIMITED',
};

/**
 * Any error → {status, code, message}. Fastify's own client errors (schema validation, bad JSON,
 * body too large, media type) keep their 4xx status and get a contract code; an AuthscaleError
 * keeps its own; everything else is a 500 ERR_INTERNAL whose details stay in the log.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof AuthscaleError) {
    return { status: error.statusCode, code: error.code, message: error.message, headers: error.headers };
  }
  const fastifyError = error as Partial<FastifyError> | undefined;
  if (fastifyError?.validation) {
    return {
      status: statusOf('ERR_BAD_REQUEST'),
      code: 'ERR_BAD_REQUEST',
      message: fastifyError.message ?? 'bad request',
      headers: {},
    };
  }
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      status,
      code: CODES_BY_STATUS[status] ?? 'ERR_BAD_REQUEST',
      message: fastifyError?.message ?? 'bad request',
      headers: {},
    };
  }
  return { status: statusOf('ERR_INTERNAL'), code: 'ERR_INTERNAL', message: 'internal error', headers: {} };
}

/** Fastify's own early errors (a URL that is not valid percent-encoding, …): same JSON shape. */
export function frameworkErrorHandler(
  nodeId: string,
): (error: FastifyError, request: unknown, reply: FastifyReply) => void {
  return (error, _request, reply) => {
    const mapped = toHttpError(error);
    reply
      .code(mapped.status)
      .header('x-node-id', nodeId)
      .headers(mapped.headers)
      .send({ code: mapped.code, message: mapped.message });
  };
}

export function installErrorHandlers(
  app: FastifyInstance,
  onAuthFailure: (code: ErrorCode) => void,
  log: NodeLog,
): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toHttpError(error);
    if (mapped.status >= 500 && mapped.code === 'ERR_INTERNAL')
      log.error(requestLine(request, { err: error }), 'unhandled');
    if (mapped.status === 401) onAuthFailure(mapped.code);
    reply.code(mapped.status).headers(mapped.headers).send({ code: mapped.code, message: mapped.message });
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(statusOf('ERR_NOT_FOUND'))
      .send(errorBody('ERR_NOT_FOUND', `no route ${request.method} ${request.url}`));
  });
}

/**
 * Errors Node's HTTP parser reports before Fastify sees a request (header overflow, garbage on the
 * wire, timeouts): answered raw, but still in the {code, message} shape with x-node-id.
 */
export function clientErrorHandler(nodeId: string): (error: NodeJS.ErrnoException, socket: Socket) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [reason, code, message]: [string, ErrorCode, string] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? ['Request Header Fields Too Large', 'ERR_HEADERS_TOO_LARGE', 'request headers are too large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ['Request Timeout', 'ERR_REQUEST_TIMEOUT', 'the request took too long to arrive']
          : ['Bad Request', 'ERR_BAD_REQUEST', 'malformed HTTP request'];
    const status = statusOf(code);
    const body = JSON.stringify(errorBody(code, message));
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nx-node-id: ${nodeId}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
