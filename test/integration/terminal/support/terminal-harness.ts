import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices, type SyncOptions } from '../../../../main/app/app-services';
import type { Clock } from '../../../../main/ledger/ledger-types';
import { createKeyFileSecretBox } from '../../../../main/terminal/key-file-secret-box';

/** A fresh temp folder for one terminal or server. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `refill-${prefix}-`));
}

/** Fast sync settings for tests: short timeouts and backoff, no idle timer unless asked. */
export const FAST_SYNC: SyncOptions = {
  idleIntervalMs: 60_000,
  backoff: { baseMs: 20, capMs: 200 },
  requestTimeoutMs: 1_500,
  autoStart: false,
};

/** Opens the terminal services on a data folder (Node host, key-file SecretBox). */
export function openTerminal(
  dataDir: string,
  opts: { sync?: SyncOptions; defaultApiUrl?: string; clock?: Clock } = {},
): Promise<AppServices> {
  return createAppServices({
    dataDir,
    ...(opts.clock ? { clock: opts.clock } : {}),
    secretBox: createKeyFileSecretBox(dataDir),
    defaultApiUrl: opts.defaultApiUrl,
    sync: opts.sync ?? FAST_SYNC,
    runtime: {
      host: 'browser',
      appName: 'Refill Desk',
      appVersion: '0.0.0-test',
      electronVersion: null,
      chromeVersion: null,
    },
  });
}

const ctx = { host: 'browser' as const };

/** Calls a contract method and returns its value, throwing the error shape on failure. */
export async function call<T = unknown>(
  services: AppServices,
  name: string,
  input: unknown = {},
): Promise<T> {
  const res = await services.dispatch(name, input, ctx);
  if (!res.ok) throw Object.assign(new Error(`${name}: ${res.error.code}: ${res.error.message}`), res.error);
  return res.value as T;
}

/** Enrolls, creates the bootstrap manager (signed in), and pulls the catalog. Returns the manager's id. */
export async function enrollAndSignIn(services: AppServices, apiUrl: string, code: string): Promise<string> {
  await call(services, 'terminal.enroll', { apiUrl, code, terminalName: 'Test counter' });
  const clerk = await call<{ id: string }>(services, 'clerks.create', {
    name: 'Manager',
    pin: '123456',
    role: 'manager',
  });
  const report = await call<{ ok: boolean; error: unknown }>(services, 'sync.now');
  if (!report.ok) throw new Error(`first sync failed: ${JSON.stringify(report.error)}`);
  return clerk.id;
}
