import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the Electron binary is, or why it cannot be had. */
export type ElectronBinary =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

function installedPath(electronDir: string): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const full = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(full) ? full : null;
}

/**
 * Finds the Electron binary. Electron's npm package fetches it lazily on first launch; we try that fetch once (with
 * a time limit) and report its failure as one sentence rather than a stack trace.
 */
export function findElectronBinary(rootDir: string): ElectronBinary {
  const electronDir = join(rootDir, 'node_modules/electron');
  if (!existsSync(join(electronDir, 'package.json')))
    return { ok: false, reason: 'the electron package is not installed' };
  const existing = installedPath(electronDir);
  if (existing) return { ok: true, path: existing };
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  const after = installedPath(electronDir);
  if (after) return { ok: true, path: after };
  const detail = `${result.stderr ?? ''}${result.stdout ?? ''}`
    .split('\n')
    .find((l) => /error|fail|ENOTFOUND|ECONN/i.test(l));
  return { ok: false, reason: `its download failed${detail ? ` (${detail.trim().slice(0, 160)})` : ''}` };
}
