import { defineConfig } from 'vitest/config';

// Worker tests (the real Worker in workerd against the simulated account), end-to-end
// tests (npm start, driven in headless Chromium), and the packed package's tests. npm test runs
// the package's first, on its own (test:package): npm start rebuilds dist/ for the drop-in only.
export default defineConfig({
  test: {
    include: ['test/worker/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
  },
});
