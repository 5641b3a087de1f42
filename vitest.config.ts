import { defineConfig } from 'vitest/config';

// Worker tests (the real Worker in workerd against the simulated account) and end-to-end
// tests (npm start, driven in headless Chromium).
export default defineConfig({
  test: {
    include: ['test/worker/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
  },
});
