/**
 * Reads a Stryker JSON report (mutation-testing-report-schema) and states it in the one line
 * `npm run test:mutation` ends with.
 */

/** The part of Stryker's JSON report the summary reads. */
export interface MutationReport {
  readonly files: Readonly<Record<string, { readonly mutants: readonly { readonly status: string }[] }>>;
}

/** Mutant counts by outcome; `killed` includes timeouts (a mutant that hangs the tests is detected too). */
export interface MutationCounts {
  readonly killed: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Mutants that did not compile or crashed the runner: not counted in the score, as Stryker does. */
  readonly invalid: number;
  readonly ignored: number;
}

/** Counts the report's mutants by outcome. */
export function countMutants(report: MutationReport): MutationCounts {
  let killed = 0;
  let survived = 0;
  let noCoverage = 0;
  let invalid = 0;
  let ignored = 0;
  for (const file of Object.values(report.files)) {
    for (const { status } of file.mutants) {
      if (status === 'Killed' || status === 'Timeout') killed++;
      else if (status === 'Survived') survived++;
      else if (status === 'NoCoverage') noCoverage++;
      else if (status === 'CompileError' || status === 'RuntimeError') invalid++;
      else if (status === 'Ignored') ignored++;
      else throw new Error(`unexpected mutant status in the report: ${status}`);
    }
  }
  return { killed, survived, noCoverage, invalid, ignored };
}

/** The mutation score in percent (detected over valid mutants, Stryker's definition); null when nothing was valid. */
export function mutationScore(counts: MutationCounts): number | null {
  const valid = counts.killed + counts.survived + counts.noCoverage;
  return valid === 0 ? null : (100 * counts.killed) / valid;
}

/** The summary line: `MUTATION score=… killed=… survived=… no_coverage=… scope=…`. */
export function summaryLine(counts: MutationCounts, scope: string): string {
  const score = mutationScore(counts);
  const scoreText = score === null ? 'n/a' : (Math.floor(score * 100) / 100).toFixed(2);
  return `MUTATION score=${scoreText} killed=${counts.killed} survived=${counts.survived} no_coverage=${counts.noCoverage} scope=${scope}`;
}
