// @ts-check
// The viewer's own requests: through the console's /try/* routes to the balancer, with the JWT
// login's bearer token when there is one. Keeps the log of "your requests".

import { view } from './view.js';

/** @import { TryResult } from './view.js' */

/** @returns {Record<string, string>} */
export function authHeaders() {
  return view.token ? { authorization: `Bearer ${view.token}` } : {};
}

/**
 * @param {'GET' | 'POST'} method
 * @param {string} path the node's path, e.g. /api/me
 * @param {{ json?: unknown; headers?: Record<string, string> }} [options]
 * @returns {Promise<TryResult>}
 */
export async function tryRequest(method, path, options = {}) {
  const response = await fetch(`/try${path}`, {
    method,
    headers: {
      ...authHeaders(),
      ...(options.json ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.json ? { body: JSON.stringify(options.json) } : {}),
  });
  const text = await response.text();
  /** @type {unknown} */
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const seen = response.headers.get('x-classroom-set-cookie');
  if (seen) view.setCookie = JSON.parse(seen);
  return { status: response.status, node: response.headers.get('x-node-id'), code: codeOf(body), body };
}

/**
 * The error code of a JSON error body, else null.
 * @param {unknown} body
 * @returns {string | null}
 */
function codeOf(body) {
  if (typeof body !== 'object' || body === null || !('code' in body)) return null;
  return typeof body.code === 'string' ? body.code : null;
}

/** @param {TryResult} result */
export function logTry(result) {
  view.tryCount++;
  if (result.node) view.lastTryNode = result.node;
  view.tryLog.unshift({ n: view.tryCount, ...result });
  view.tryLog.length = Math.min(view.tryLog.length, 40);
}

/**
 * `✓ node-2 · 200` or `✗ node-1 · 401 ERR_SESSION_NOT_FOUND`.
 * @param {{ status: number; node: string | null; code: string | null }} r
 * @returns {string}
 */
export function resultLine(r) {
  const ok = r.status >= 200 && r.status < 300;
  return `${ok ? '✓' : '✗'} ${r.node ?? '—'} · ${r.status}${r.code ? ` ${r.code}` : ''}`;
}
