import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/setup/global.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most of a browser test is waiting on Chromium, the host or a provider stream, so two files
    // at once keep both cores busy even on a 2-core machine (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The JSON report lets .ci/run print a one-line summary.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
