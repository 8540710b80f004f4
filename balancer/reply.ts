import type { ServerResponse } from 'node:http';
import { type ErrorCode, errorBody, statusOf } from '../lib/error-codes.ts';

/** A fixed `{ code, message }` error body, serialised once. */
export interface CannedError {
  readonly status: number;
  readonly body: Buffer;
}

/** The status comes from the registry (lib/error-codes.ts), so code and status always agree. */
export function cannedError(code: ErrorCode, message: string): CannedError {
  return { status: statusOf(code), body: Buffer.from(JSON.stringify(errorBody(code, message))) };
}

export const NO_HEALTHY_UPSTREAM = cannedError('ERR_NO_HEALTHY_UPSTREAM', 'no healthy upstream target');
export const UPSTREAM_UNAVAILABLE = cannedError('ERR_UPSTREAM_UNAVAILABLE', 'the upstream target failed');
export const UPSTREAM_TIMEOUT = cannedError('ERR_UPSTREAM_TIMEOUT', 'the upstream target timed out');
export const BAD_REQUEST = cannedError('ERR_BAD_REQUEST', 'expected an origin-form request target');
export const NOT_FOUND = cannedError('ERR_NOT_FOUND', 'unknown balancer route');
export const METHOD_NOT_ALLOWED = cannedError('ERR_METHOD_NOT_ALLOWED', 'balancer routes accept GET only');

export const UNFORWARDABLE = cannedError('ERR_BAD_REQUEST', 'the request cannot be forwarded as sent');
export const ADMIN_FORBIDDEN = cannedError(
  'ERR_FORBIDDEN',
  'admin routes are not reachable through the balancer',
);
export const REQUEST_TIMEOUT = cannedError('ERR_REQUEST_TIMEOUT', 'the request was not received in time');
export const TOO_MANY_CONNECTIONS = cannedError(
  'ERR_TOO_MANY_CONNECTIONS',
  'too many open connections from this address',
);
export const HEADERS_TOO_LARGE = cannedError('ERR_HEADERS_TOO_LARGE', 'request headers are too large');
export const MALFORMED = cannedError('ERR_BAD_REQUEST', 'malformed HTTP request');
export const TOO_MANY_EVENT_CLIENTS = cannedError(
  'ERR_TOO_MANY_EVENT_CLIENTS',
  'too many open /__lb/events streams',
);

/** A whole HTTP/1.1 response for a raw socket (no request object to answer through). */
export function rawErrorResponse(error: CannedError, reason: string): string {
  return (
    `HTTP/1.1 ${error.status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\n` +
    `content-length: ${error.body.length}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${error.body}`
  );
}

export function sendError(res: ServerResponse, error: CannedError): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  res.writeHead(error.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': error.body.length,
    'cache-control': 'no-store',
  });
  res.end(error.body);
}

export function sendJson(res: ServerResponse, status: number, data: unknown): void {
  const body = JSON.stringify(data);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}
