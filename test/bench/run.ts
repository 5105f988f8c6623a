/**
 * The benchmark runner: `npm run bench` runs every benchmark, `npm run bench -- NAME` runs one.
 * A benchmark is a file `test/bench/NAME.bench.ts` exporting `run(): Promise<void>`; it prints its figure next to a
 * baseline measured in the same run and ends with one line `BENCH NAME key=value ... ratio=...`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark: ${unknown.join(', ')}; available: ${available.join(', ') || '(none yet)'}`,
  );
  process.exit(2);
}
const toRun = wanted.length > 0 ? wanted : available;
if (toRun.length === 0) console.log('no benchmarks defined yet');
for (const name of toRun) {
  console.log(`== ${name}`);
  const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as {
    run: () => Promise<void>;
  };
  await mod.run();
}
