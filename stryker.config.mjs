// @ts-check
/**
 * Mutation testing (StrykerJS): `npm run test:mutation [-- SCOPE…]` runs it through scripts/mutation-test.ts, which
 * narrows `mutate` to the scope asked for and prints the MUTATION summary line. Equivalent mutants (survivors no test
 * can kill) are listed with why in stryker-equivalent-mutants.md beside this file.
 *
 * Everything Stryker writes stays under .data/mutation (ignored by git, ESLint and Prettier): its sandboxes, the
 * reports and the incremental files that let a re-run test only the mutants whose code or tests changed.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.mutation.config.ts', related: true },
  checkers: ['typescript'],
  // The production code only (core, main, server, preload, renderer): a mutant that does not compile there is
  // invalid; tests are type-checked by `npm run typecheck`, and a test file half-edited elsewhere cannot stop a run.
  tsconfigFile: 'test/mutation/tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Two cores shared with other work: one test runner, one checker (the script also runs it under `nice -n 19`).
  concurrency: 1,
  // A busy machine: a slow mutant is not an infinite loop.
  timeoutMS: 20_000,
  timeoutFactor: 3,
  dryRunTimeoutMinutes: 30,
  // Static mutants (module-level constants and schema declarations) each need a fresh load and every related test:
  // on this machine they are 30% of core's mutants and an estimated 94% of the run time. Skipped by default (reported
  // as Ignored, outside the score); `npm run test:mutation -- --static` includes them for a long run.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: '.data/mutation/incremental-all.json',
  tempDirName: '.data/mutation/tmp',
  cleanTempDir: true,
  ignorePatterns: ['.data', 'out', 'dist', 'test-results', 'playwright-report'],
  thresholds: { high: 85, low: 75, break: null },
  reporters: ['json', 'html', 'clear-text', 'progress-append-only'],
  jsonReporter: { fileName: '.data/mutation/report-all.json' },
  htmlReporter: { fileName: '.data/mutation/report-all.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  mutate: [
    'core/**/*.ts',
    'server/sync/**/*.ts',
    'server/ledger/**/*.ts',
    'server/wallet/**/*.ts',
    'server/cards/**/*.ts',
    'main/ledger/**/*.ts',
    'main/sales/**/*.ts',
    'main/clerks/**/*.ts',
    'main/sync/**/*.ts',
  ],
};
