import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Ledger and CLI tests spawn processes; two cores are all CI has.
    pool: 'forks',
  },
});
