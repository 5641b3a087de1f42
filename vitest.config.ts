import { defineConfig } from 'vitest/config';

// Worker tests: the real Worker in workerd (wrangler dev) against the simulated account.
export default defineConfig({
  test: {
    include: ['test/worker/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
  },
});
