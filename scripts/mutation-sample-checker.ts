/**
 * A Stryker checker plugin (`refill-sample`) that lets only the sampled mutants through (see mutation-sample.ts):
 * the others are reported as not compiling, with the reason "outside the sample", so no test runs for them. It is
 * the first checker of a sampled run, before the TypeScript one. scripts/mutation-test.ts configures it through the
 * environment, which Stryker's checker processes inherit.
 */
import { appendFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { CheckStatus, type Checker, type CheckResult } from '@stryker-mutator/api/check';
import type { Mutant } from '@stryker-mutator/api/core';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';
import { inSample, type SampleSpec } from './mutation-sample';

/** The environment variables the sample travels in. */
export const SAMPLE_ENV = {
  percent: 'REFILL_MUTATION_SAMPLE_PERCENT',
  seed: 'REFILL_MUTATION_SAMPLE_SEED',
  root: 'REFILL_MUTATION_ROOT',
  /** Optional: a file the chosen mutants are appended to (one JSON line each) as soon as they are checked. */
  list: 'REFILL_MUTATION_SAMPLE_LIST',
} as const;

/** Reads the sample from the environment; refuses to run without it, rather than let every mutant through. */
function sampleFromEnv(): { spec: SampleSpec; root: string } {
  const percent = Number(process.env[SAMPLE_ENV.percent]);
  const seed = process.env[SAMPLE_ENV.seed];
  const root = process.env[SAMPLE_ENV.root];
  if (!(percent > 0 && percent <= 100) || !seed || !root) {
    throw new Error(`the refill-sample checker needs ${Object.values(SAMPLE_ENV).join(', ')}`);
  }
  return { spec: { percent, seed }, root };
}

/** Passes the sampled mutants, fails the others. */
export class SampleChecker implements Checker {
  static readonly inject = [] as const;
  private readonly sample = sampleFromEnv();

  init(): Promise<void> {
    return Promise.resolve();
  }

  check(mutants: Mutant[]): Promise<Record<string, CheckResult>> {
    const results: Record<string, CheckResult> = {};
    const chosenLines: string[] = [];
    for (const mutant of mutants) {
      const { start, end } = mutant.location;
      const sampled = {
        file: relative(this.sample.root, mutant.fileName).split(sep).join('/'),
        // Stryker's own positions are 0-based; the report's (which the summary reads back) are 1-based.
        location: {
          start: { line: start.line + 1, column: start.column + 1 },
          end: { line: end.line + 1, column: end.column + 1 },
        },
        mutatorName: mutant.mutatorName,
        replacement: mutant.replacement,
      };
      const chosen = inSample(sampled, this.sample.spec);
      if (chosen) chosenLines.push(JSON.stringify(sampled) + '\n');
      results[mutant.id] = chosen
        ? { status: CheckStatus.Passed }
        : { status: CheckStatus.CompileError, reason: 'outside the sample' };
    }
    // The list lets a long run's mutants be read (and tests written for them) before its report exists.
    const list = process.env[SAMPLE_ENV.list];
    if (list && chosenLines.length > 0) appendFileSync(list, chosenLines.join(''));
    return Promise.resolve(results);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Checker, 'refill-sample', SampleChecker)];
