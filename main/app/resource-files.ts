import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file every resources folder holds: how the folder is recognised. */
const PROBE = join('fonts', 'DejaVuSans.ttf');

let found: string | undefined;

/**
 * The folder of the app's own files (fonts, icons): `resources/` of a source checkout (tests, browser mode, `npm
 * start`, found from this module's place, bundled or not) or, in a packaged app, Electron's `process.resourcesPath`
 * where electron-builder puts `extraResources`. Works in worker threads too (it needs no Electron API).
 */
export function resourcesFolder(): string {
  if (found) return found;
  const tried: string[] = [];
  for (const dir of candidates()) {
    if (existsSync(join(dir, PROBE))) return (found = dir);
    tried.push(dir);
  }
  throw new Error(`The app's resources (fonts) are missing; looked in ${tried.join(', ')}`);
}

/** A file under the resources folder: `resourceFile('fonts', 'DejaVuSans.ttf')`. */
export function resourceFile(...parts: readonly string[]): string {
  return join(resourcesFolder(), ...parts);
}

/** The packaged app's resources path first, then `<dir>/resources` and `<dir>` for every folder above this module. */
function* candidates(): Generator<string> {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) yield packaged;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    yield join(dir, 'resources');
    // Packaged, seen from inside app.asar: the asar's own folder is the resources folder.
    yield dir;
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}
