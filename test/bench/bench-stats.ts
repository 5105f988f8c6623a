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

/** Formats a BENCH line: `BENCH name k=v ...`, numbers rounded to 3 significant decimals. */
export function benchLine(name: string, figures: Readonly<Record<string, number>>): string {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(3)}`);
  return `BENCH ${name} ${parts.join(' ')}`;
}
