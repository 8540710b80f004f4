import type { RunMode } from '../../cluster/run-modes.ts';
import { RUN_ORDER } from './registry.ts';
import type { ScenarioName, Strategy } from './types.ts';

/**
 * Which cluster runs the demo makes and which scenarios each one runs. Every seed claim needs only
 * some configurations, and the quick demo has to fit in ~2 min on two cores:
 * - memory + round-robin: the scaling failure (relogin, scale), why it "worked in dev" behind a
 *   per-connection balancer (keepalive), the same figures behind HAProxy and nginx (balancers) and
 *   per-mode credential facts;
 * - memory + sticky: the classic fix, what it costs (load) and what it does not fix (node-failure);
 * - redis, jwt (stateless) and jwt-redis: everything that applies (scale again for jwt, to contrast
 *   with memory; store-failure only where there is a store).
 */
export interface PlannedRun {
  mode: RunMode;
  strategy: Strategy;
  scenarios: ScenarioName[];
  /** Scenarios deliberately not run in this configuration, with the reason shown in the report. */
  skips: Partial<Record<ScenarioName, string>>;
}

/** lifetimes is about access tokens: session modes are reported as skipped with this reason. */
const NO_ACCESS_LIFETIME =
  'session modes have no access-token lifetime (sessions end by idle/absolute timeout)';

const MEMORY_RR_SKIPS: Partial<Record<ScenarioName, string>> = {
  load: 'memory + round-robin fails (N-1)/N of requests (see relogin); memory load is measured with sticky',
  'node-failure': 'memory + round-robin fails without any crash (see relogin); see memory + sticky',
  'store-failure': 'memory mode has no store',
  lifetimes: NO_ACCESS_LIFETIME,
};

const JWT_SKIPS: Partial<Record<ScenarioName, string>> = {
  'store-failure': 'jwt runs without a store (stateless): there is nothing to fail; see jwt-redis',
};

const ordered = (names: ScenarioName[]) => RUN_ORDER.filter((name) => names.includes(name));

export function demoPlan(modes: RunMode[], strategy?: Strategy, only?: ScenarioName[]): PlannedRun[] {
  const runs: PlannedRun[] = [];
  const pick = (names: ScenarioName[]) => ordered(only ? names.filter((n) => only.includes(n)) : names);
  // latency is opt-in (`npm run scenario -- latency`): it starts three clusters of its own per run.
  const all = RUN_ORDER.filter((n) => n !== 'latency');
  for (const mode of modes) {
    if (only || (strategy && strategy !== 'round-robin')) {
      // One run per mode in the requested strategy (`scenario NAME`, or `demo --strategy X`).
      const chosen = strategy ?? 'round-robin';
      const names = only ?? all.filter((n) => n !== 'scale' || chosen === 'round-robin');
      runs.push({ mode, strategy: chosen, scenarios: ordered(names), skips: {} });
      continue;
    }
    if (mode === 'memory') {
      runs.push({
        mode,
        strategy: 'round-robin',
        scenarios: pick([
          'relogin',
          'token-size',
          'attacks',
          'revocation',
          'scale',
          'keepalive',
          'balancers',
          'capacity',
        ]),
        skips: MEMORY_RR_SKIPS,
      });
      runs.push({
        mode,
        strategy: 'sticky',
        scenarios: pick(['relogin', 'load', 'node-failure']),
        skips: {},
      });
    } else if (mode === 'jwt') {
      const names = all.filter((n) => n !== 'store-failure' && n !== 'keepalive' && n !== 'balancers');
      runs.push({ mode, strategy: 'round-robin', scenarios: pick(names), skips: JWT_SKIPS });
    } else {
      const names = all.filter(
        (n) =>
          n !== 'scale' &&
          n !== 'keepalive' &&
          n !== 'balancers' &&
          (n !== 'lifetimes' || mode === 'jwt-redis'),
      );
      const skips = mode === 'redis' ? { lifetimes: NO_ACCESS_LIFETIME } : {};
      runs.push({ mode, strategy: 'round-robin', scenarios: pick(names), skips });
    }
  }
  return runs.filter((run) => run.scenarios.length > 0);
}
