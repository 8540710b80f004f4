import module from 'node:module';

/**
 * Writes the code cache of the modules this process compiled to NODE_COMPILE_CACHE's folder now,
 * once the process listens. Node writes it only at exit otherwise, and the launcher's nodes and
 * balancers run until the demo ends (or are killed): the ones it starts meanwhile should find the
 * cache (cluster/compile-cache.ts). Without a compile cache this does nothing; Node before 22.10
 * has no flush.
 */
export function flushCompileCache(): void {
  const flush = (module as { flushCompileCache?: () => void }).flushCompileCache;
  flush?.();
}
