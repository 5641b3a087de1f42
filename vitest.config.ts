import { defineConfig } from 'vitest/config';

// Worker tests (the real Worker in workerd against the simulated account), end-to-end
// tests (npm start, driven in headless Chromium), and the packed package's tests. npm test runs
// the package's first, on their own (test:package): compiling four apps would load the two
// cores while the Worker tests wait on timers (stale copies, slow upstream answers, rate limits).
export default defineConfig({
  test: {
    include: ['test/worker/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
  },
});
