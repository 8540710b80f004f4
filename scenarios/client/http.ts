import { Agent, type Dispatcher, request } from 'undici';
import type { AuthMode } from '../../nodes/config.ts';

/**
 * The scenarios' HTTP client: one keep-alive agent per scenario and a small cookie jar per virtual
 * user (undici has none), so every user behaves like its own browser: `sid`, `rt` (Path=/auth) and
 * the balancer's affinity cookie `lb` come back exactly where a browser would send them.
 */
export function createAgent(connections = 64, localAddress?: string): Agent {
  return new Agent({
    connections,
    // A loopback source address per virtual user (source-addresses.ts); the OS picks one otherwise.
    ...(localAddress !== undefined && { localAddress }),
    // The client closes idle connections, 10 s at most even when the server's `Keep-Alive:
    // timeout=` hint is longer: it must stop reusing a socket well before the server closes it
    // (the balancer: 65 s), or a login may go out on a socket being closed and come back as status 0.
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 10_000,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
}

interface StoredCookie {
  value: string;
  path: string;
}

export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  /** Applies the response's Set-Cookie headers (Max-Age=0 / past Expires delete). */
  store(setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', val = ''] = attribute.split('=').map((part) => part.trim());
        const lower = key.toLowerCase();
        if (lower === 'path' && val) path = val;
        if (lower === 'max-age' && Number(val) <= 0) expired = true;
        if (lower === 'expires' && Date.parse(val) <= Date.now()) expired = true;
      }
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
  }

  /** The Cookie header for `path`, or undefined. */
  header(path: string): string | undefined {
    const pairs: string[] = [];
    for (const [name, cookie] of this.cookies) {
      if (
        path === cookie.path ||
        path.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`)
      ) {
        pairs.push(`${name}=${cookie.value}`);
      }
    }
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  set(name: string, value: string, path = '/'): void {
    this.cookies.set(name, { value, path });
  }

  delete(name: string): void {
    this.cookies.delete(name);
  }

  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [name, cookie] of this.cookies) copy.cookies.set(name, { ...cookie });
    return copy;
  }
}

export interface Reply {
  status: number;
  /** Error code from a JSON error body (`ERR_…`), if any. */
  code?: string;
  nodeId?: string;
  body: Record<string, unknown> | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Network failure (connection refused/reset/timeout): status 0. */
  error?: string;
}

export interface SendOptions {
  method?: Dispatcher.HttpMethod;
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  jar?: CookieJar;
  timeoutMs?: number;
}

export async function send(baseUrl: string, agent: Dispatcher, options: SendOptions): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  const cookie = options.jar?.header(options.path);
  if (cookie !== undefined) headers.cookie = headers.cookie ? `${headers.cookie}; ${cookie}` : cookie;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  const timeout = options.timeoutMs ?? 5000;
  try {
    const response = await request(`${baseUrl}${options.path}`, {
      method: options.method ?? 'GET',
      headers,
      ...(body !== undefined && { body }),
      dispatcher: agent,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    const text = await response.body.text();
    options.jar?.store(response.headers['set-cookie']);
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      parsed = undefined;
    }
    const nodeId = response.headers['x-node-id'];
    return {
      status: response.statusCode,
      ...(typeof parsed?.code === 'string' && { code: parsed.code }),
      ...(typeof nodeId === 'string' && { nodeId }),
      body: parsed,
      headers: response.headers,
    };
  } catch (error) {
    return {
      status: 0,
      body: undefined,
      headers: {},
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * How long a login may take before the client gives up (status 0). As long as the balancer waits
 * for a node (PROXY_TIMEOUT, 30 s), not the 5 s of other requests: a login waits for a password
 * hash, and on a starved machine the node's hash queue (bounded; beyond it 503 ERR_LOGIN_BUSY at
 * once) can take longer than 5 s. Giving up earlier answered status 0 for a login the node still
 * completed, and the retry (loginWithRetry) queued a second hash behind the first.
 */
export const LOGIN_TIMEOUT_MS = 30_000;

/** Demo users: user0001…user9999 (password = name + "-pw"). `offset` keeps scenarios apart. */
export function demoUser(index: number): string {
  return `user${String((index % 9999) + 1).padStart(4, '0')}`;
}

/**
 * A virtual user: its own cookie jar and, in jwt mode, its bearer token. `me()` is the
 * authenticated request every scenario counts.
 */
export class VirtualUser {
  readonly jar = new CookieJar();
  accessToken: string | undefined;
  loggedIn = false;

  readonly name: string;
  private readonly baseUrl: string;
  private readonly agent: Dispatcher;

  constructor(name: string, baseUrl: string, agent: Dispatcher) {
    this.name = name;
    this.baseUrl = baseUrl;
    this.agent = agent;
  }

  async login(): Promise<Reply> {
    const reply = await send(this.baseUrl, this.agent, {
      method: 'POST',
      path: '/auth/login',
      json: { username: this.name, password: `${this.name}-pw` },
      jar: this.jar,
      timeoutMs: LOGIN_TIMEOUT_MS,
    });
    this.loggedIn = reply.status === 200;
    const token = reply.body?.accessToken;
    this.accessToken = typeof token === 'string' ? token : undefined;
    return reply;
  }

  authHeaders(): Record<string, string> {
    return this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {};
  }

  me(): Promise<Reply> {
    return send(this.baseUrl, this.agent, { path: '/api/me', headers: this.authHeaders(), jar: this.jar });
  }

  async refresh(): Promise<Reply> {
    const reply = await send(this.baseUrl, this.agent, {
      method: 'POST',
      path: '/auth/refresh',
      jar: this.jar,
    });
    const token = reply.body?.accessToken;
    if (reply.status === 200 && typeof token === 'string') this.accessToken = token;
    return reply;
  }

  logout(): Promise<Reply> {
    return send(this.baseUrl, this.agent, {
      method: 'POST',
      path: '/auth/logout',
      headers: this.authHeaders(),
      jar: this.jar,
    });
  }

  /** The credential as it travels: `sid=…` cookie or `Bearer …` (for token-size and replay). */
  credential(mode: AuthMode): { kind: 'cookie' | 'bearer'; header: string; value: string } | undefined {
    if (mode === 'jwt') {
      return this.accessToken
        ? { kind: 'bearer', header: 'authorization', value: `Bearer ${this.accessToken}` }
        : undefined;
    }
    const sid = this.jar.get('sid');
    return sid ? { kind: 'cookie', header: 'cookie', value: `sid=${sid}` } : undefined;
  }
}

/**
 * Logs in, retrying while the answer says "not now" (no reply, 502, 503) until `withinMs` passes:
 * a fresh cluster on a busy machine may briefly have no healthy upstream. Scenarios that measure
 * something else than availability use it for their set-up logins.
 */
export async function loginWithRetry(user: VirtualUser, withinMs = 15_000): Promise<Reply> {
  const deadline = Date.now() + withinMs;
  let reply = await user.login();
  while ((reply.status === 0 || reply.status === 502 || reply.status === 503) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    reply = await user.login();
  }
  return reply;
}

/** Runs `worker` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
