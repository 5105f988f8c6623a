/**
 * A random sample of mutants (`npm run test:mutation -- --sample PERCENT`): the whole scope's score estimated from a
 * fixed share of its mutants, with a 95% confidence interval, for scopes whose every mutant would take too long to
 * test (server/ mutants run PostgreSQL integration tests: about 30 s each here, so a day for the full scope).
 *
 * Membership is a hash of the mutant (its file, place, mutator and replacement) and a seed, not a draw: the same
 * mutants are chosen on every run, so incremental re-runs reuse results, and each mutant is chosen independently
 * with the same probability, which makes the sample's killed share an unbiased estimate of the score. Another seed
 * draws another sample.
 */
import { createHash } from 'node:crypto';
import { summaryLine, type MutationCounts } from './mutation-summary';

/** How many mutants, in percent, and which ones (the seed). */
export interface SampleSpec {
  readonly percent: number;
  readonly seed: string;
}

/** The seed used when none is given, so that runs on different days test the same mutants. */
export const DEFAULT_SAMPLE_SEED = 'refill';

/** A mutant as the report names it: its file relative to the project, 1-based line and column. */
export interface MutantKey {
  readonly file: string;
  readonly location: {
    readonly start: { readonly line: number; readonly column: number };
    readonly end: { readonly line: number; readonly column: number };
  };
  readonly mutatorName: string;
  readonly replacement?: string | undefined;
}

/** Reads `--sample PERCENT` (a number above 0 and at most 100) and `--seed TEXT`; null when no sample is asked. */
export function parseSampleSpec(
  percentText: string | undefined,
  seed: string | undefined,
): SampleSpec | null {
  if (percentText === undefined) {
    if (seed !== undefined) throw new Error('--seed only applies to a sampled run (--sample PERCENT)');
    return null;
  }
  const percent = /^\d+(\.\d+)?$/.test(percentText) ? Number(percentText) : NaN;
  if (!(percent > 0 && percent <= 100)) {
    throw new Error(`--sample takes a percentage above 0 and at most 100: ${percentText}`);
  }
  if (seed !== undefined && !/^[\w.-]{1,40}$/.test(seed)) {
    throw new Error(`--seed takes up to 40 letters, digits, dots or dashes: ${seed}`);
  }
  return { percent, seed: seed ?? DEFAULT_SAMPLE_SEED };
}

/** Whether the mutant belongs to the sample: the first 32 bits of a SHA-256 of it and the seed, below the share. */
export function inSample(mutant: MutantKey, spec: SampleSpec): boolean {
  const { start, end } = mutant.location;
  const text = [
    spec.seed,
    mutant.file,
    `${start.line}:${start.column}-${end.line}:${end.column}`,
    mutant.mutatorName,
    mutant.replacement ?? '',
  ].join('\0');
  const draw = createHash('sha256').update(text).digest().readUInt32BE(0);
  return draw < (spec.percent / 100) * 2 ** 32;
}

/** A name for the sample in file names and the summary line: `sample-5-refill`. */
export function sampleName(spec: SampleSpec): string {
  return `sample-${spec.percent}-${spec.seed}`;
}

/**
 * The 95% Wilson score interval of a proportion `hits / n`, in percent: unlike the normal approximation it stays
 * inside 0–100 and is honest for small samples and scores near 100.
 */
export function wilsonInterval(hits: number, n: number): { low: number; high: number } {
  if (!Number.isInteger(hits) || !Number.isInteger(n) || hits < 0 || n <= 0 || hits > n) {
    throw new Error(`a proportion needs 0 <= hits <= n and n > 0: ${hits} of ${n}`);
  }
  const z = 1.959964;
  const p = hits / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { low: 100 * Math.max(0, centre - half), high: 100 * Math.min(1, centre + half) };
}

/** A report mutant with what the sample and the summary read. */
export interface ReportMutant extends Omit<MutantKey, 'file'> {
  readonly status: string;
}

/** A report's files with their mutants' places, as Stryker's JSON report writes them. */
export interface SampledReport {
  readonly files: Readonly<Record<string, { readonly mutants: readonly ReportMutant[] }>>;
}

/**
 * The report narrowed to the sample (membership recomputed from each mutant, whatever the run did with the others),
 * and how many mutants the whole scope has outside the ignored (static) ones.
 */
export function sampleOf(
  report: SampledReport,
  spec: SampleSpec,
): { sampled: SampledReport; population: number } {
  const files: Record<string, { mutants: ReportMutant[] }> = {};
  let population = 0;
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const chosen = mutants.filter((m) => inSample({ ...m, file }, spec));
    population += mutants.filter((m) => m.status !== 'Ignored').length;
    if (chosen.length > 0) files[file] = { mutants: chosen };
  }
  return { sampled: { files }, population };
}

/**
 * The summary line of a sampled run: the sample's score and counts, then `sample=PERCENT seed=… sampled=N of=M
 * ci95=LOW-HIGH` (N valid mutants in the sample, M mutants in the scope, the score's 95% interval).
 */
export function sampledSummaryLine(
  counts: MutationCounts,
  scope: string,
  spec: SampleSpec,
  population: number,
): string {
  const valid = counts.killed + counts.survived + counts.noCoverage;
  // Rounded outwards, so the interval never claims more certainty than the sample gives.
  const bounds = valid === 0 ? null : wilsonInterval(counts.killed, valid);
  const interval = bounds
    ? `${(Math.floor(bounds.low * 100) / 100).toFixed(2)}-${(Math.ceil(bounds.high * 100) / 100).toFixed(2)}`
    : 'n/a';
  return `${summaryLine(counts, scope)} sample=${spec.percent} seed=${spec.seed} sampled=${valid} of=${population} ci95=${interval}`;
}
