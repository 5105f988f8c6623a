import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database } from '../../../server/db/database';
import { TEST_OPERATOR_KEY, apiClient, type ApiClient } from './api-harness';
import type { OpenedBackend, ServerBackend } from './server-backends';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** A central API running as its own process (`server/main.ts`). */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly api: ApiClient;
}

/** libfaketime (Debian package `faketime`, installed by scripts/install-system-packages.sh). */
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/**
 * The environment that sets a process's wall clock `ms` behind the machine's (libfaketime; timers and the monotonic
 * clock stay true): another API instance on a host whose clock is off. Throws when libfaketime is missing.
 */
function clockBehindEnv(ms: number): Record<string, string> {
  if (!existsSync(LIBFAKETIME))
    throw new Error(`${LIBFAKETIME} is missing: run scripts/install-system-packages.sh (package faketime)`);
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: `-${Math.round(ms / 1000)}s`, DONT_FAKE_MONOTONIC: '1' };
}

/**
 * Spawns `server/main.ts` (node with the tsx loader, so signals reach the server process itself rather than a tsx
 * wrapper that relays them) on the database at `url`, on a port the OS picks, and resolves once it prints its
 * listening line. The process inherits this one's environment (e.g. REFILL_CARD_KEYS). `clockBehindMs` runs it with
 * its wall clock that far behind this machine's.
 */
export function spawnServerProcess(
  url: string,
  opts: { readonly clockBehindMs?: number } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...(opts.clockBehindMs ? clockBehindEnv(opts.clockBehindMs) : {}),
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

/** What `useServerProcesses` gives the tests of its block. */
export interface ServerProcessesContext {
  /** The database the processes share. */
  readonly db: Database;
  /** The processes, in the order their options were given. */
  readonly processes: readonly ServerProcess[];
}

/**
 * For the enclosing `describe` block: a database of its own on `backend` and one API process per entry of
 * `processes` on it, started one after another (the first runs the migrations), stopped after the tests, each of
 * which must then exit 0. The fields are ready inside tests and later hooks.
 */
export function useServerProcesses(
  backend: ServerBackend,
  processes: readonly { readonly clockBehindMs?: number }[],
): ServerProcessesContext {
  let opened: OpenedBackend | undefined;
  const started: ServerProcess[] = [];
  beforeAll(async () => {
    opened = await backend.open({ isolated: true });
    for (const opts of processes) started.push(await spawnServerProcess(opened.url, opts));
  }, 90_000);
  afterAll(async () => {
    const codes = await Promise.all(started.map((p) => stopServerProcess(p.child)));
    await opened?.cleanup();
    expect(codes).toEqual(started.map(() => 0));
  });
  return {
    get db() {
      if (!opened) throw new Error('the database is not open yet (use it inside tests or hooks)');
      return opened.db;
    },
    processes: started,
  };
}
