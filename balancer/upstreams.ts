import type { BalancerConfig } from './config.ts';
import { Forwarder } from './forward.ts';
import { NO_FALLBACK, type PathRoute } from './path-routes.ts';
import { createStrategy, type Strategy } from './strategies/index.ts';
import { type HealthListener, Target } from './target.ts';

/** Upstream connections per target at most; further requests wait in undici's queue. */
const POOL_CONNECTIONS = 256;

/** A PATH_ROUTES entry with the pool of its side origin. */
export interface SideRoute extends PathRoute {
  target: Target;
}

/** Where the balancer sends requests: the balanced targets and the PATH_ROUTES side origins. */
export interface Upstreams {
  targets: Target[];
  strategy: Strategy;
  forwarder: Forwarder;
  sides: SideRoute[];
  /** Forwards to a side origin: no retry elsewhere (the side has one origin, outside the strategy). */
  sideForwarder: Forwarder;
}

/** The targets (health changes reported to `onHealthChange`), their strategy and the side origins. */
export function buildUpstreams(config: BalancerConfig, onHealthChange: HealthListener): Upstreams {
  const poolSettings = {
    connections: POOL_CONNECTIONS,
    connectTimeoutMs: Math.min(config.proxyTimeoutMs, 5000),
  };
  const targets = config.targets.map((url, index) => new Target(index, url, onHealthChange, poolSettings));
  const strategy = createStrategy(config.strategy, targets);
  const forwarder = new Forwarder(strategy, config.proxyTimeoutMs, config.upstreamHeader);
  // PATH_ROUTES: one pool per side origin, never health-checked, never in the strategy.
  const sides = (config.pathRoutes ?? []).map((route, i) => ({
    ...route,
    target: new Target(-1 - i, route.origin, () => {}, poolSettings),
  }));
  const sideForwarder = new Forwarder(NO_FALLBACK, config.proxyTimeoutMs);
  return { targets, strategy, forwarder, sides, sideForwarder };
}

/** Every pool the balancer holds (targets and side origins), to destroy on close. */
export function allPools(upstreams: Upstreams): Target['pool'][] {
  return [...upstreams.targets, ...upstreams.sides.map((s) => s.target)].map((target) => target.pool);
}
