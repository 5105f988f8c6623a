import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Builds main, preload and renderer once for the whole E2E run. */
export default function globalSetup(): void {
  const root = resolve(import.meta.dirname, '../..');
  const result = spawnSync(resolve(root, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('electron-vite build failed');
}
