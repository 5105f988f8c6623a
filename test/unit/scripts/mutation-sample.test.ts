import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SAMPLE_SEED,
  inSample,
  parseSampleSpec,
  sampledSummaryLine,
  sampleName,
  sampleOf,
  wilsonInterval,
  type MutantKey,
  type SampledReport,
} from '../../../scripts/mutation-sample';
import { countMutants } from '../../../scripts/mutation-summary';

/** A mutant at line `n` of `file`. */
const mutant = (n: number, file = 'server/sync/push-service.ts'): MutantKey => ({
  file,
  location: { start: { line: n, column: 3 }, end: { line: n, column: 17 } },
  mutatorName: 'ConditionalExpression',
  replacement: 'true',
});

describe('the mutant sample', () => {
  it('is asked for with --sample PERCENT, and --seed alone is refused', () => {
    expect(parseSampleSpec(undefined, undefined)).toBeNull();
    expect(parseSampleSpec('4', undefined)).toEqual({ percent: 4, seed: DEFAULT_SAMPLE_SEED });
    expect(parseSampleSpec('2.5', 'night-1')).toEqual({ percent: 2.5, seed: 'night-1' });
    expect(parseSampleSpec('100', undefined)?.percent).toBe(100);
    expect(() => parseSampleSpec(undefined, 'x')).toThrow(/--seed only applies/);
    for (const bad of ['0', '101', '-5', 'ten', '5%', '', '1e1']) {
      expect(() => parseSampleSpec(bad, undefined)).toThrow(/--sample takes a percentage/);
    }
    expect(() => parseSampleSpec('5', 'a b')).toThrow(/--seed takes/);
    expect(() => parseSampleSpec('5', 'x'.repeat(41))).toThrow(/--seed takes/);
  });

  it('chooses the same mutants every time, about the share asked for', () => {
    const spec = { percent: 10, seed: 'refill' };
    const keys = Array.from({ length: 20_000 }, (_, i) => mutant(i + 1));
    const chosen = keys.filter((k) => inSample(k, spec));
    // Binomial(20,000, 0.1): a standard deviation of about 42 mutants; 6 of them either side.
    expect(chosen.length).toBeGreaterThan(2_000 - 250);
    expect(chosen.length).toBeLessThan(2_000 + 250);
    expect(keys.filter((k) => inSample(k, spec))).toEqual(chosen);
    expect(keys.every((k) => inSample(k, { percent: 100, seed: 'refill' }))).toBe(true);
  });

  it('draws another sample with another seed, and tells apart mutants that differ in any part', () => {
    const keys = Array.from({ length: 2_000 }, (_, i) => mutant(i + 1));
    const a = keys.filter((k) => inSample(k, { percent: 20, seed: 'a' }));
    const b = keys.filter((k) => inSample(k, { percent: 20, seed: 'b' }));
    expect(a).not.toEqual(b);
    const base = mutant(7);
    const variants: MutantKey[] = [
      { ...base, file: 'server/sync/other.ts' },
      { ...base, location: { ...base.location, end: { line: 7, column: 18 } } },
      { ...base, mutatorName: 'EqualityOperator' },
      { ...base, replacement: 'false' },
    ];
    // Each part is in the hash: over many seeds, every variant is chosen differently from the base at least once.
    for (const variant of variants) {
      const seeds = Array.from({ length: 60 }, (_, i) => `s${i}`);
      const differs = seeds.some(
        (seed) => inSample(base, { percent: 50, seed }) !== inSample(variant, { percent: 50, seed }),
      );
      expect(differs).toBe(true);
    }
  });

  it('names the sample in its file names', () => {
    expect(sampleName({ percent: 4, seed: 'refill' })).toBe('sample-4-refill');
  });
});

describe('the 95% interval of a sampled score', () => {
  it('matches the Wilson score interval', () => {
    const { low, high } = wilsonInterval(80, 100);
    expect(low).toBeCloseTo(71.12, 1);
    expect(high).toBeCloseTo(86.66, 1);
  });

  it('stays within 0–100 at the edges, and narrows as the sample grows', () => {
    expect(wilsonInterval(100, 100).high).toBe(100);
    expect(wilsonInterval(100, 100).low).toBeCloseTo(96.3, 1);
    expect(wilsonInterval(0, 10).low).toBe(0);
    const small = wilsonInterval(45, 50);
    const large = wilsonInterval(450, 500);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });

  it('refuses what is not a proportion', () => {
    for (const [hits, n] of [
      [1, 0],
      [3, 2],
      [-1, 4],
      [1.5, 4],
    ] as const) {
      expect(() => wilsonInterval(hits, n)).toThrow(/a proportion needs/);
    }
  });
});

describe('a sampled run', () => {
  const spec = { percent: 50, seed: 'refill' };
  const lines = Array.from({ length: 400 }, (_, i) => i + 1);
  const statusOf = (line: number): string =>
    line % 10 === 0 ? 'Ignored' : line % 7 === 0 ? 'Survived' : line % 13 === 0 ? 'NoCoverage' : 'Killed';
  const report: SampledReport = {
    files: {
      'core/a.ts': {
        mutants: lines.map((n) => {
          const { location, mutatorName, replacement } = mutant(n, 'core/a.ts');
          return { location, mutatorName, replacement, status: statusOf(n) };
        }),
      },
    },
  };

  it('counts only the sampled mutants, and the scope without its ignored ones as the population', () => {
    const { sampled, population } = sampleOf(report, spec);
    const chosen = lines.filter((n) => inSample(mutant(n, 'core/a.ts'), spec));
    expect(sampled.files['core/a.ts']?.mutants).toHaveLength(chosen.length);
    expect(population).toBe(lines.filter((n) => n % 10 !== 0).length);
    const counts = countMutants(sampled);
    expect(counts.killed).toBe(chosen.filter((n) => statusOf(n) === 'Killed').length);
    expect(counts.survived).toBe(chosen.filter((n) => statusOf(n) === 'Survived').length);
    expect(counts.ignored).toBe(chosen.filter((n) => statusOf(n) === 'Ignored').length);
  });

  it('ends with the sample, its size and the interval', () => {
    const counts = { killed: 80, survived: 15, noCoverage: 5, invalid: 3, ignored: 9 };
    expect(sampledSummaryLine(counts, 'all', { percent: 4, seed: 'refill' }, 2_500)).toBe(
      'MUTATION score=80.00 killed=80 survived=15 no_coverage=5 scope=all sample=4 seed=refill sampled=100 of=2500 ci95=71.11-86.67',
    );
    const none = { killed: 0, survived: 0, noCoverage: 0, invalid: 2, ignored: 0 };
    expect(sampledSummaryLine(none, 'core', { percent: 1, seed: 'x' }, 10)).toMatch(
      / sampled=0 of=10 ci95=n\/a$/,
    );
  });
});
