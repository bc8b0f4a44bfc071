import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const dist = fileURLToPath(new URL('./dist/', import.meta.url));

export default defineConfig({
  resolve: {
    // Every test runs the build the package ships, as the child processes, the command line, the
    // browser bundles and the server do: an import of bindings/x.js is one of dist/x.js (made by
    // `npm test` first; test/helpers/build-is-current.ts refuses a build older than its sources).
    alias: [{ find: /^(?:\.\.\/)+bindings\/(.*)$/, replacement: `${dist}$1` }],
  },
  test: {
    include: ['test/**/*.test.ts', 'server/test/**/*.test.js'],
    globalSetup: ['test/helpers/build-is-current.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: one worker per core keeps the timing-sensitive integration tests stable.
    maxWorkers: 2,
  },
});
