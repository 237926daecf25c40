import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/setup/global.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // expect.poll gives up after 1 s by default: a page under both cores' load can take longer to
    // re-render or lay out. Waiting longer changes nothing for a test that passes.
    expect: { poll: { timeout: 5_000 } },
    pool: 'forks',
    // Most of a browser test is waiting on Chromium, the host or a provider stream, so two files
    // at once keep both cores busy even on a 2-core machine (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Each worker imports the app's modules once, not once per file: per-file imports were 120 s of
    // the suite's 10 minutes. Tests share no module state (no vi.mock; env stubs are undone), and
    // every file still gets its own hosts, data directories and Chromium.
    isolate: false,
    // The JSON report lets .ci/run print a one-line summary.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
