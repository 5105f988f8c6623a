/** Median of a list of numbers (the figure every benchmark reports; machines here are noisy). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** At least this many passes make every benchmark figure (the line reports their median; the spread is printed). */
export const MIN_PASSES = 3;

/** The spread of one figure over the passes, as printed next to it: `min 1.2 / median 1.4 / max 2.0 ms (3 passes)`. */
export function spreadText(values: readonly number[], unit: string, digits = 3): string {
  if (values.length < MIN_PASSES) throw new RangeError(`a figure needs at least ${MIN_PASSES} passes`);
  const f = (v: number) => v.toFixed(digits);
  return `min ${f(Math.min(...values))} / median ${f(median(values))} / max ${f(Math.max(...values))} ${unit} (${values.length} passes)`;
}

/**
 * Formats a BENCH line: `BENCH name backend=... k=v ... ratio=...`, numbers rounded to 3 decimals. Every line names
 * the storage it measured (`embedded`, `postgres`, `sqlite`, `memory`) and carries its ratio against the baseline
 * measured in the same run.
 */
export function benchLine(
  name: string,
  backend: string,
  figures: Readonly<Record<string, number>> & { readonly ratio: number },
): string {
  const { ratio, ...rest } = figures;
  const parts = Object.entries({ ...rest, ratio }).map(
    ([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(3)}`,
  );
  return `BENCH ${name} backend=${backend} ${parts.join(' ')}`;
}
