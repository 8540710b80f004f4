import type { RunMode } from '../../cluster/run-modes.ts';
import type { ScenarioContext } from '../../scenarios/core/context.ts';

/**
 * A context for the scenarios that launch their own private nodes (capacity, lifetimes): only the
 * run mode matters. `redisUrl: ''` keeps them on a private redis-server whatever REDIS_URL says.
 */
export function standaloneContext(runMode: RunMode): ScenarioContext {
  const mode = runMode === 'jwt-redis' ? 'jwt' : runMode;
  return {
    url: '',
    mode,
    run: runMode,
    strategy: 'round-robin',
    nodes: 1,
    target: false,
    store: runMode === 'redis' || runMode === 'jwt-redis' ? 'single' : 'none',
    storeCommandCount: async () => 0,
    cpuMicros: async () => ({}),
    launch: { mode, nodes: 1, redisUrl: '' },
  };
}
