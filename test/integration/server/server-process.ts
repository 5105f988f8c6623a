import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_OPERATOR_KEY, apiClient, type ApiClient } from './api-harness';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** A central API running as its own process (`server/main.ts`). */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly api: ApiClient;
}

/**
 * Spawns `server/main.ts` (node with the tsx loader, so signals reach the server process itself rather than a tsx
 * wrapper that relays them) on the database at `url`, on a port the OS picks, and resolves once it prints its
 * listening line. The process inherits this one's environment (e.g. REFILL_CARD_KEYS).
 */
export function spawnServerProcess(url: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      REFILL_OPERATOR_KEY: TEST_OPERATOR_KEY,
      REFILL_DATA_DIR: mkdtempSync(join(tmpdir(), 'refill-proc-')),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) res({ child, api: apiClient(m[1]!) });
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => rej(new Error(`server exited ${code}: ${err}`)));
  });
}

/** Sends SIGTERM and resolves with the exit code (0 for a clean stop). */
export function stopServerProcess(child: ChildProcess): Promise<number | null> {
  return new Promise((res) => {
    if (child.exitCode !== null) return res(child.exitCode);
    child.on('exit', (code) => res(code));
    child.kill('SIGTERM');
  });
}
