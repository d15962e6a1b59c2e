import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['./tests/helpers/shared-dir.ts'],  // a folder for fixtures built once per run (the sample's warehouse)
    testTimeout: 60_000,
    hookTimeout: 420_000,  // a setup hook builds a warehouse; on a loaded 2-core CI machine that took over 180 s
    pool: 'forks',
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
