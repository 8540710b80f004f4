import type { Env } from '../lib/env.ts';
import { readChoice, readDuration, readPort, readString } from '../lib/env.ts';
import { ConfigError } from '../lib/errors.ts';

export const STRATEGIES = ['round-robin', 'sticky', 'ip-hash'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

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
}

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

/** Reads the balancer's settings; a bad value throws a ConfigError naming the variable. */
export function parseBalancerConfig(env: Env): BalancerConfig {
  const healthIntervalMs = Math.round(readDuration(env, 'HEALTH_INTERVAL', '1s') * 1000);
  if (healthIntervalMs < 50) {
    throw new ConfigError('HEALTH_INTERVAL', `expected at least 50ms, got "${env.HEALTH_INTERVAL}"`);
  }
  return {
    host: readString(env, 'HOST', '127.0.0.1'),
    port: readPort(env, 'PORT', 8080),
    targets: parseTargets(readString(env, 'TARGETS')),
    strategy: readChoice(env, 'STRATEGY', STRATEGIES, 'round-robin'),
    healthIntervalMs,
    // At least 1 ms: a 0 would silently disable the timeout.
    proxyTimeoutMs: Math.max(1, Math.round(readDuration(env, 'PROXY_TIMEOUT', '30s') * 1000)),
  };
}
