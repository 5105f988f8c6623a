import { rmSync } from 'node:fs';
import { createAppServices, type AppServices } from '../../../main/app/app-services';
import type { PrintQueue } from '../../../main/printing/print-queue';
import type { Clock } from '../../../main/ledger/ledger-types';
import { createKeyFileSecretBox } from '../../../main/terminal/key-file-secret-box';
import { FAST_SYNC, tempDir } from '../terminal/support/terminal-harness';

/**
 * A clock that reads local noon of today when made and runs on in real time from there: the day's totals of a test
 * that runs across midnight stay the totals of one day.
 */
export function middayClock(): Clock {
  const made = Date.now();
  const noon = new Date(made);
  noon.setHours(12, 0, 0, 0);
  return () => noon.getTime() + (Date.now() - made);
}

/**
 * Opens terminal services on a fresh data folder, optionally with a stand-in print queue and a clock of its own;
 * `close` removes it.
 */
export async function openSalesTerminal(
  prefix: string,
  opts: { printQueue?: PrintQueue; clock?: Clock } = {},
): Promise<{ services: AppServices; dir: string; close(): Promise<void> }> {
  const dir = tempDir(prefix);
  const services = await createAppServices({
    dataDir: dir,
    secretBox: createKeyFileSecretBox(dir),
    sync: FAST_SYNC,
    ...(opts.printQueue ? { printQueue: opts.printQueue } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    runtime: {
      host: 'browser',
      appName: 'Refill Desk',
      appVersion: '0.0.0-test',
      electronVersion: null,
      chromeVersion: null,
    },
  });
  return {
    services,
    dir,
    close: async () => {
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls a contract method and answers the error shape (or null when it succeeded). */
export async function callError(
  services: AppServices,
  name: string,
  input: unknown = {},
): Promise<{ code: string; message: string } | null> {
  const res = await services.dispatch(name, input, { host: 'browser' });
  return res.ok ? null : res.error;
}
