import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 420_000,  // a setup hook builds a warehouse; on a loaded 2-core CI machine that took over 180 s
    pool: 'forks',
    // two test files at a time: Vitest's default on 2 cores is one (cores − 1), and most of a
    // file's time is one thread (JavaScript, one DuckDB query at a time); serial, CI took 29 min
    maxWorkers: 2,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
