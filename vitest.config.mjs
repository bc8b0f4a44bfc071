import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'server/test/**/*.test.js'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: one worker per core keeps the timing-sensitive integration tests stable.
    maxWorkers: 2,
  },
});
