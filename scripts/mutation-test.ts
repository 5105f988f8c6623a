/**
 * `npm run test:mutation [-- FOLDER… | all] [--force] [--static] [--sample PERCENT [--seed TEXT]]`: StrykerJS over
 * the folders asked for (default: every folder of MUTATION_FOLDERS), incremental (`.data/mutation/incremental-SCOPE.json`:
 * a re-run tests only mutants whose code or covering tests changed; --force re-tests everything; --static also tests
 * static mutants, which stryker.config.mjs skips by default), ending with one line
 * `MUTATION score=… killed=… survived=… no_coverage=… scope=…`. The npm script runs it under `nice -n 19`.
 *
 * With --sample, only that share of the mutants is tested (the same ones on every run with the same seed, see
 * mutation-sample.ts) and the line adds the sample and the score's 95% interval: the way to measure the full scope,
 * whose every mutant would take about a day on two cores. The sampled mutants are also listed, as they are chosen, in
 * `.data/mutation/sampled-SCOPE+sample-P-SEED.jsonl`, so tests can be written for them while the run goes on; a seed
 * whose mutants were targeted that way no longer estimates the scope's score: measure it again with a new `--seed`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import {
  parseSampleSpec,
  sampledSummaryLine,
  sampleName,
  sampleOf,
  type SampledReport,
} from './mutation-sample';
import { SAMPLE_ENV } from './mutation-sample-checker';
import { resolveMutationScope, scopeFileName } from './mutation-scope';
import { countMutants, summaryLine } from './mutation-summary';

/** Takes `--name VALUE` out of the arguments; undefined when absent. */
function takeOption(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  args.splice(at, 2);
  return value;
}

const args = process.argv.slice(2);
const sample = parseSampleSpec(takeOption(args, '--sample'), takeOption(args, '--seed'));
const force = args.includes('--force');
const withStatic = args.includes('--static');
const scope = resolveMutationScope(
  args.filter((a) => a !== '--force' && a !== '--static'),
  (folder) => existsSync(folder) && statSync(folder).isDirectory(),
);
const scopeName = scope.name + (withStatic ? '+static' : '');
// A sample keeps its own incremental file and report: its results are not the full scope's.
const file = scopeFileName(scopeName) + (sample ? `+${sampleName(sample)}` : '');
const reportFile = `.data/mutation/report-${file}.json`;
mkdirSync('.data/mutation', { recursive: true });
// Read by test/mutation/vitest.mutation.config.ts in Stryker's test runner processes.
process.env['REFILL_MUTATION_TESTS'] = scope.unitTestsOnly ? 'unit' : 'all';
process.env['REFILL_MUTATION_STATIC'] = withStatic ? '1' : '0';
if (sample) {
  // Read by the refill-sample checker in Stryker's checker process.
  process.env[SAMPLE_ENV.percent] = String(sample.percent);
  process.env[SAMPLE_ENV.seed] = sample.seed;
  process.env[SAMPLE_ENV.root] = process.cwd();
  const list = resolve(`.data/mutation/sampled-${file}.jsonl`);
  rmSync(list, { force: true });
  process.env[SAMPLE_ENV.list] = list;
}

const started = Date.now();
await new Stryker({
  configFile: 'stryker.config.mjs',
  mutate: scope.folders.map((f) => `${f}/**/*.ts`),
  incrementalFile: `.data/mutation/incremental-${file}.json`,
  jsonReporter: { fileName: reportFile },
  htmlReporter: { fileName: `.data/mutation/report-${file}.html` },
  force,
  ...(withStatic ? { ignoreStatic: false } : {}),
  ...(sample
    ? {
        plugins: ['@stryker-mutator/*', resolve('scripts/mutation-sample-checker.mjs')],
        // The sample goes first, so the TypeScript checker only sees the mutants that will be tested.
        checkers: ['refill-sample', 'typescript'],
      }
    : {}),
}).runMutationTest();
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as SampledReport;
console.log(`mutation testing took ${Math.round((Date.now() - started) / 1000)} s; report: ${reportFile}`);
if (sample) {
  const { sampled, population } = sampleOf(report, sample);
  console.log(sampledSummaryLine(countMutants(sampled), scopeName, sample, population));
} else {
  console.log(summaryLine(countMutants(report), scopeName));
}
