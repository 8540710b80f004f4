import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', '{lib,nodes,balancer,cluster,scenarios,classroom}/**/*.test.ts'],
    // Cluster tests spawn real processes; a 2-core machine needs room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own redis-server / processes on free ports, but too many at once
    // starve a 2-core machine and turn latency-sensitive assertions flaky.
    maxWorkers: 2,
    // Fails the run when a test wrote into the repository (test/setup/work-tree-guard.ts).
    globalSetup: ['test/setup/work-tree-guard.ts'],
  },
});
