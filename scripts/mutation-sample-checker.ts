/**
 * A Stryker checker plugin (`refill-sample`) that lets only the sampled mutants through (see mutation-sample.ts):
 * the others are reported as not compiling, with the reason "outside the sample", so no test runs for them. It is
 * the first checker of a sampled run, before the TypeScript one. scripts/mutation-test.ts configures it through the
 * environment, which Stryker's checker processes inherit.
 */
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
    for (const mutant of mutants) {
      const { start, end } = mutant.location;
      const chosen = inSample(
        {
          file: relative(this.sample.root, mutant.fileName).split(sep).join('/'),
          // Stryker's own positions are 0-based; the report's (which the summary reads back) are 1-based.
          location: {
            start: { line: start.line + 1, column: start.column + 1 },
            end: { line: end.line + 1, column: end.column + 1 },
          },
          mutatorName: mutant.mutatorName,
          replacement: mutant.replacement,
        },
        this.sample.spec,
      );
      results[mutant.id] = chosen
        ? { status: CheckStatus.Passed }
        : { status: CheckStatus.CompileError, reason: 'outside the sample' };
    }
    return Promise.resolve(results);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Checker, 'refill-sample', SampleChecker)];
