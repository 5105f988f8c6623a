import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { Vitest, TestProject } from 'vitest/node';
import base from '../../vitest.config';

/**
 * The vitest configuration Stryker runs (see stryker.config.mjs and scripts/mutation-test.ts): the project's own,
 * narrowed to the unit tests when only pure code is mutated (REFILL_MUTATION_TESTS=unit), so a core/ run needs no
 * PostgreSQL and no integration harness.
 *
 * Stryker's vitest runner forces `pool: 'threads'`. Tests that switch `process.env.TZ` (local-day rules under New
 * York, Tokyo and Santiago) only take effect in a process of their own, and the integration suite is written for
 * forks, so the plugin below puts the pool back to `forks` once the configuration is resolved (Stryker still runs
 * one worker at a time).
 *
 * Unit-only runs also share one worker process across test files and runs (`isolate: false`): Stryker switches
 * non-static mutants on at run time, so nothing needs reloading, and a fresh process per file and mutant was most of
 * the run time here. Static mutants (which do need a reload) are skipped unless `--static` is given, and then
 * files are isolated again.
 *
 * A mutation run is niced and shares two cores with whatever else runs, so its tests get five times the usual time
 * limits: a test that times out in the initial run stops the whole run (a test the machine starved is not a failure).
 */
const unitOnly = process.env['REFILL_MUTATION_TESTS'] === 'unit';
const withStatic = process.env['REFILL_MUTATION_STATIC'] === '1';

type PoolConfig = { pool: string };

export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  plugins: [
    {
      name: 'refill-mutation-forks-pool',
      configureVitest({ vitest, project }: { vitest: Vitest; project: TestProject }) {
        (vitest.config as PoolConfig).pool = 'forks';
        (project.config as PoolConfig).pool = 'forks';
      },
    },
  ],
  test: {
    ...base.test,
    testTimeout: 5 * (base.test?.testTimeout ?? 60_000),
    hookTimeout: 5 * (base.test?.hookTimeout ?? 120_000),
    ...(unitOnly ? { include: ['test/unit/**/*.test.ts'], globalSetup: [], isolate: withStatic } : {}),
  },
});
