import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The Electron binary when it is already present locally (never downloads), else null. */
export function electronBinaryPath(): string | null {
  const dir = resolve(import.meta.dirname, '../../node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const full = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(full) ? full : null;
}
