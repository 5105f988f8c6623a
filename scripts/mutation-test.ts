/**
 * `npm run test:mutation [-- FOLDER… | all] [--force] [--static]`: StrykerJS over the folders asked for (default:
 * every folder of MUTATION_FOLDERS), incremental (`.data/mutation/incremental-SCOPE.json`: a re-run tests only
 * mutants whose code or covering tests changed; --force re-tests everything; --static also tests static mutants,
 * which stryker.config.mjs skips by default), ending with one line
 * `MUTATION score=… killed=… survived=… no_coverage=… scope=…`. The npm script runs it under `nice -n 19`.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';
import { resolveMutationScope, scopeFileName } from './mutation-scope';
import { countMutants, summaryLine, type MutationReport } from './mutation-summary';

const args = process.argv.slice(2);
const force = args.includes('--force');
const withStatic = args.includes('--static');
const scope = resolveMutationScope(
  args.filter((a) => a !== '--force' && a !== '--static'),
  (folder) => existsSync(folder) && statSync(folder).isDirectory(),
);
const file = scopeFileName(scope.name) + (withStatic ? '+static' : '');
const reportFile = `.data/mutation/report-${file}.json`;
mkdirSync('.data/mutation', { recursive: true });
// Read by test/mutation/vitest.mutation.config.ts in Stryker's test runner processes.
process.env['REFILL_MUTATION_TESTS'] = scope.unitTestsOnly ? 'unit' : 'all';
process.env['REFILL_MUTATION_STATIC'] = withStatic ? '1' : '0';

const started = Date.now();
await new Stryker({
  configFile: 'stryker.config.mjs',
  mutate: scope.folders.map((f) => `${f}/**/*.ts`),
  incrementalFile: `.data/mutation/incremental-${file}.json`,
  jsonReporter: { fileName: reportFile },
  htmlReporter: { fileName: `.data/mutation/report-${file}.html` },
  force,
  ...(withStatic ? { ignoreStatic: false } : {}),
}).runMutationTest();
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as MutationReport;
console.log(`mutation testing took ${Math.round((Date.now() - started) / 1000)} s; report: ${reportFile}`);
console.log(summaryLine(countMutants(report), scope.name + (withStatic ? '+static' : '')));
