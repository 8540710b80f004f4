import type { Env } from '../lib/env.ts';
import { readChoice, readDuration, readOptional, readPort, readString } from '../lib/env.ts';
import { ConfigError } from '../lib/errors.ts';
import { parseTrustList } from './trust-proxy.ts';

/**
 * The balancing strategies, one list for everyone (cluster launcher, CLI, console).
 * `connection`: one target per client TCP connection, as an L4 balancer or a Kubernetes Service.
 */
export const STRATEGY_NAMES = ['round-robin', 'sticky', 'ip-hash', 'connection'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export interface BalancerConfig {
  host: string;
  port: number;
  /** Normalised origins, e.g. `http://127.0.0.1:3001` (no trailing slash, no path). */
  targets: string[];
  strategy: StrategyName;
  /** Active health check period. */
  healthIntervalMs: number;
  /** Per-probe timeout; defaults to min(1 s, max(250 ms, healthIntervalMs)). */
  healthTimeoutMs?: number;
  /** Upstream inactivity timeout before answering 504 ERR_UPSTREAM_TIMEOUT. */
  proxyTimeoutMs: number;
  /** Addresses/CIDRs whose X-Forwarded-* are kept (a TLS terminator in front); empty: nobody. */
  trustProxy?: string[];
  /** Time a client has to send the request head (then 408 ERR_REQUEST_TIMEOUT). */
  headersTimeoutMs?: number;
  /** Time a client has to send the whole body once the head is in (then 408 ERR_REQUEST_TIMEOUT). */
  bodyTimeoutMs?: number;
  /** Open connections per client address; 0 = no cap. */
  maxConnectionsPerClient?: number;
  /** How long an idle keep-alive client connection stays open (default 65 s: clients close first). */
  keepAliveTimeoutMs?: number;
  /** Forward `/__admin/*` to the nodes (fault injection in scenarios); refused with 403 otherwise. */
  adminPassthrough?: boolean;
  /** Open `/__lb/events` streams at most (503 beyond). */
  maxEventClients?: number;
  /** Path of the active health check (default `/health`). */
  healthPath?: string;
  /** A health answer with a status below this passes (default 300: 2xx only). */
  healthPassBelow?: number;
  /**
   * Response header naming the upstream that answered (`127.0.0.1:3001`), for clients that need to
   * attribute answers to replicas which do not name themselves (the audit of a user's app). Off by default.
   */
  upstreamHeader?: string;
}

export const DEFAULTS = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  maxConnectionsPerClient: 256,
  maxEventClients: 64,
  // The server side closes idle connections last (see CLIENT_KEEP_ALIVE_MS in build-balancer.ts).
  keepAliveTimeoutMs: 65_000,
} as const;

/** Parses `TARGETS` strictly: http URLs without credentials, query or a path other than `/`. */
export function parseTargets(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new ConfigError('TARGETS', `expected comma-separated http URLs, got "${item}"`);
    }
    if (url.protocol !== 'http:') {
      throw new ConfigError('TARGETS', `only http:// targets are supported, got "${item}"`);
    }
    if (
      url.username ||
      url.password ||
      url.search ||
      url.hash ||
      (url.pathname !== '/' && url.pathname !== '')
    ) {
      throw new ConfigError('TARGETS', `expected a bare origin like http://127.0.0.1:3001, got "${item}"`);
    }
    if (seen.has(url.origin)) throw new ConfigError('TARGETS', `duplicate target "${url.origin}"`);
    seen.add(url.origin);
  }
  if (seen.size === 0) throw new ConfigError('TARGETS', 'is required (comma-separated http URLs)');
  return [...seen];
}

function durationMs(env: Env, name: string, fallback: string): number {
  // At least 1 ms: a 0 would silently disable the timeout.
  return Math.max(1, Math.round(readDuration(env, name, fallback) * 1000));
}

function readCount(env: Env, name: string, fallback: number, what: string): number {
  const text = readString(env, name, String(fallback));
  if (!/^\d+$/.test(text)) throw new ConfigError(name, `expected ${what}, got "${text}"`);
  return Number(text);
}

function readFlag(env: Env, name: string): boolean {
  const text = readOptional(env, name) ?? '0';
  if (text !== '0' && text !== '1') throw new ConfigError(name, `expected 0 or 1, got "${text}"`);
  return text === '1';
}

/** Reads the balancer's settings; a bad value throws a ConfigError naming the variable. */
export function parseBalancerConfig(env: Env): BalancerConfig {
  const healthIntervalMs = Math.round(readDuration(env, 'HEALTH_INTERVAL', '1s') * 1000);
  if (healthIntervalMs < 50) {
    throw new ConfigError('HEALTH_INTERVAL', `expected at least 50ms, got "${env.HEALTH_INTERVAL}"`);
  }
  const maxEventClients = readCount(env, 'MAX_EVENT_CLIENTS', DEFAULTS.maxEventClients, 'a positive integer');
  if (maxEventClients === 0) {
    throw new ConfigError('MAX_EVENT_CLIENTS', 'expected a positive integer, got "0"');
  }
  return {
    host: readString(env, 'HOST', '127.0.0.1'),
    port: readPort(env, 'PORT', 8080),
    targets: parseTargets(readString(env, 'TARGETS')),
    strategy: readChoice(env, 'STRATEGY', STRATEGY_NAMES, 'round-robin'),
    healthIntervalMs,
    proxyTimeoutMs: durationMs(env, 'PROXY_TIMEOUT', '30s'),
    trustProxy: parseTrustList(readOptional(env, 'TRUST_PROXY') ?? '', 'TRUST_PROXY').entries,
    headersTimeoutMs: durationMs(env, 'HEADERS_TIMEOUT', `${DEFAULTS.headersTimeoutMs / 1000}s`),
    bodyTimeoutMs: durationMs(env, 'BODY_TIMEOUT', `${DEFAULTS.bodyTimeoutMs / 1000}s`),
    maxConnectionsPerClient: readCount(
      env,
      'MAX_CONNECTIONS_PER_CLIENT',
      DEFAULTS.maxConnectionsPerClient,
      'a number of connections (0 = no cap)',
    ),
    keepAliveTimeoutMs: durationMs(env, 'KEEP_ALIVE_TIMEOUT', `${DEFAULTS.keepAliveTimeoutMs / 1000}s`),
    adminPassthrough: readFlag(env, 'ADMIN_PASSTHROUGH'),
    maxEventClients,
  };
}
