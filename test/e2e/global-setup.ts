import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { cleanRendererCoverage, RENDERER_COVERAGE_ON } from './renderer-coverage';

/** Builds main, preload and renderer once for the whole E2E run (with source maps when coverage is collected). */
export default function globalSetup(): void {
  const root = resolve(import.meta.dirname, '../..');
  const result = spawnSync(resolve(root, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...(RENDERER_COVERAGE_ON ? { REFILL_RENDERER_SOURCEMAP: '1' } : {}) },
  });
  if (result.status !== 0) throw new Error('electron-vite build failed');
  cleanRendererCoverage();
}
