import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** better-sqlite3's native module built for Electron's ABI, or why it could not be had. */
export type SqliteBinding =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/**
 * `npm install` builds better-sqlite3 for Node (the tests and browser mode use it); Electron has another ABI. For
 * `npm start` we fetch the Electron build of the same better-sqlite3 version into `.data/native/` with
 * prebuild-install (better-sqlite3 publishes Electron prebuilds) and hand its path to the app, leaving
 * node_modules untouched. Packaged apps instead rebuild node_modules with electron-builder's install-app-deps.
 */
export function ensureElectronSqliteBinding(rootDir: string, electronVersion: string): SqliteBinding {
  const pkgDir = join(rootDir, 'node_modules/better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const target = join(
    rootDir,
    '.data/native',
    `better-sqlite3-${version}-electron-${electronVersion}-${process.platform}-${process.arch}`,
  );
  const binding = join(target, 'build/Release/better_sqlite3.node');
  if (existsSync(binding)) return { ok: true, path: binding };
  mkdirSync(target, { recursive: true });
  copyFileSync(join(pkgDir, 'package.json'), join(target, 'package.json'));
  const result = spawnSync(
    join(rootDir, 'node_modules/.bin/prebuild-install'),
    [
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      process.arch,
      '--platform',
      process.platform,
    ],
    { cwd: target, encoding: 'utf8', timeout: 120_000 },
  );
  if (existsSync(binding)) return { ok: true, path: binding };
  const detail = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').pop() ?? '';
  return {
    ok: false,
    reason: `no Electron build of better-sqlite3 ${version} could be fetched${detail ? ` (${detail.slice(0, 160)})` : ''}`,
  };
}
