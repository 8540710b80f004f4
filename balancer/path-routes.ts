import type { IncomingMessage } from 'node:http';
import { ConfigError } from '../lib/errors.ts';
import { normalisePath } from './admin-path.ts';
import type { LbResponse } from './response.ts';
import type { Strategy } from './strategies/index.ts';
import type { Target } from './target.ts';

/**
 * `PATH_ROUTES=/join=http://127.0.0.1:3000`: requests under a path prefix go to another origin,
 * outside the balancing (as an nginx `location` or an HAProxy `use_backend` does). They take no
 * turn in the strategy (a round-robin rotation, a sticky pin) and count in no target's figures,
 * so a page served this way shares the nodes' origin without disturbing what it shows.
 *
 * A prefix is one path segment; a request matches only when both its raw path and its
 * normalised path (percent-decoded, dot segments resolved) lie under it, so `/join/../api` never
 * reaches the side origin with a path outside the prefix.
 */
export interface PathRoute {
  prefix: string;
  origin: string;
}

/** One lower-case segment (so never `/__lb` or `/__admin`). */
const PREFIX = /^\/[a-z0-9][a-z0-9-]{0,30}$/;

export function parsePathRoutes(text: string): PathRoute[] {
  const routes: PathRoute[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    const prefix = item.slice(0, Math.max(0, eq));
    if (!PREFIX.test(prefix)) {
      throw new ConfigError('PATH_ROUTES', `expected /prefix=http://host:port items, got "${item}"`);
    }
    let url: URL;
    try {
      url = new URL(item.slice(eq + 1));
    } catch {
      throw new ConfigError('PATH_ROUTES', `"${item}" does not name an http origin`);
    }
    if (
      url.protocol !== 'http:' ||
      url.username ||
      url.search ||
      (url.pathname !== '/' && url.pathname !== '')
    ) {
      throw new ConfigError('PATH_ROUTES', `expected a bare http origin after "${prefix}=", got "${item}"`);
    }
    if (routes.some((r) => r.prefix === prefix)) {
      throw new ConfigError('PATH_ROUTES', `prefix "${prefix}" is given twice`);
    }
    routes.push({ prefix, origin: url.origin });
  }
  return routes;
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The route a request target falls under, or undefined (cheap for other paths). */
export function matchPathRoute<T extends PathRoute>(routes: readonly T[], url: string): T | undefined {
  if (routes.length === 0) return undefined;
  const raw = url.split('?', 1)[0]!;
  for (const route of routes) {
    if (under(raw, route.prefix) && under(normalisePath(raw), route.prefix)) return route;
  }
  return undefined;
}

/** Side routes never fall back to a node: their one upstream is the only answer. */
export const NO_FALLBACK: Strategy = {
  pick: (_req: IncomingMessage, _res: LbResponse): Target | null => null,
  retry: (_res: LbResponse, _failed: Target): Target | null => null,
};
