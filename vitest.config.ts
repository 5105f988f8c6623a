import { defineConfig } from 'vitest/config';

/**
 * Unit tests (core/, pure) and integration tests (real SQLite files, real PostgreSQL: one embedded PostgreSQL per
 * run, started by the global setup, plus an external one when REFILL_TEST_DATABASE_URL is set; real HTTP on
 * loopback). E2E tests run under Playwright, not here.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/integration/embedded-postgres-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores here: keep parallelism modest so timing-sensitive integration tests stay stable.
    maxWorkers: 2,
  },
});
