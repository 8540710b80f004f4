import { defineConfig } from 'vitest/config';

/** `npm run test:compose` (through docker/compose-test.sh): the real Docker stack, one file, in order. */
export default defineConfig({
  test: {
    include: ['test/deploy/compose/**/*.e2e.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
