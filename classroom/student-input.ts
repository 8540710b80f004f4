import type { ErrorCode } from '../lib/error-codes.ts';
import { AuthscaleError } from '../lib/errors.ts';

/**
 * What a phone may send, checked strictly. A name is kept as text (every page shows it with
 * textContent, never as HTML); here it loses what could still mislead a reader on the projector:
 * control and format characters (bidi overrides, zero-width joiners), runs of white space, and
 * anything beyond MAX_NAME characters.
 */
export const MAX_NAME = 24;

export interface Answer {
  kind: 'me' | 'login';
  node: string | null;
  status: number;
  code: string | null;
}

function bad(code: Extract<ErrorCode, 'ERR_BAD_NAME' | 'ERR_BAD_REQUEST'>, message: string): AuthscaleError {
  return new AuthscaleError(code, message);
}

export function sanitiseName(value: unknown): string {
  if (typeof value !== 'string') throw bad('ERR_BAD_NAME', 'name must be text');
  const cleaned = value
    .normalize('NFC')
    .replace(/[\p{C}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  const name = [...cleaned].slice(0, MAX_NAME).join('').trim();
  if (name === '') throw bad('ERR_BAD_NAME', `name must have 1-${MAX_NAME} visible characters`);
  return name;
}

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw bad('ERR_BAD_REQUEST', 'expected a JSON object');
  }
  return body as Record<string, unknown>;
}

/** `{id, key}` of a joined student. */
export function parseIdentity(body: unknown): { id: string; key: string } {
  const input = object(body);
  if (typeof input.id !== 'string' || !/^[A-Za-z0-9_-]{8,32}$/.test(input.id)) {
    throw bad('ERR_BAD_REQUEST', 'id must be the id /join/api/hello gave');
  }
  if (typeof input.key !== 'string' || input.key.length > 64) {
    throw bad('ERR_BAD_REQUEST', 'key must be the key /join/api/hello gave');
  }
  return { id: input.id, key: input.key };
}

/** One answer a phone saw: which node served it, the status and the error code. */
export function parseAnswer(body: unknown): Answer {
  const input = object(body);
  if (input.kind !== 'me' && input.kind !== 'login') throw bad('ERR_BAD_REQUEST', 'kind must be me or login');
  const node = input.node ?? null;
  if (node !== null && (typeof node !== 'string' || !/^node-\d{1,2}$/.test(node))) {
    throw bad('ERR_BAD_REQUEST', 'node must name a node, e.g. "node-2", or be null');
  }
  const status = input.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 599) {
    throw bad('ERR_BAD_REQUEST', 'status must be an HTTP status 0-599 (0: no answer)');
  }
  const code = input.code ?? null;
  if (code !== null && (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]{0,39}$/.test(code))) {
    throw bad('ERR_BAD_REQUEST', 'code must be an error code like ERR_SESSION_UNKNOWN, or null');
  }
  return { kind: input.kind, node, status, code };
}
