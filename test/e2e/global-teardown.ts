import { RENDERER_MIN_LINES, reportRendererCoverage } from './renderer-coverage';

/** Playwright flags that take a value as the next argument (not a spec filter). */
const VALUE_FLAGS = new Set([
  '--project',
  '-c',
  '--config',
  '--reporter',
  '--workers',
  '-j',
  '--output',
  '--timeout',
  '--retries',
  '--repeat-each',
  '--max-failures',
  '--trace',
  '--tsconfig',
  '--global-timeout',
]);

/**
 * True when this run runs every spec: no file, line or grep filter and no "last failed"/"only changed" selection
 * on the command line. Only such a run's coverage is held to the threshold.
 */
export function isWholeRun(argv: readonly string[]): boolean {
  const at = argv.indexOf('test');
  const args = at >= 0 ? argv.slice(at + 1) : [];
  const selecting = new Set(['-g', '--grep', '--grep-invert', '--last-failed', '--only-changed', '--shard']);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const flag = a.split('=')[0]!;
    if (selecting.has(flag)) return false;
    if (VALUE_FLAGS.has(a))
      i += 1; // skip its value
    else if (!a.startsWith('-')) return false; // a file or line filter
  }
  return true;
}

/** Reports the renderer's coverage; a whole run below the threshold fails. */
export default async function globalTeardown(): Promise<void> {
  const results = await reportRendererCoverage();
  if (!results) return;
  const lines = results.summary.lines.pct;
  const pct = typeof lines === 'number' ? lines : Number(lines);
  console.log(`renderer coverage (E2E): ${pct.toFixed(2)}% of lines (threshold ${RENDERER_MIN_LINES}%)`);
  if (isWholeRun(process.argv) && !(pct >= RENDERER_MIN_LINES))
    throw new Error(
      `renderer line coverage ${pct.toFixed(2)}% is under the ${RENDERER_MIN_LINES}% threshold`,
    );
}
