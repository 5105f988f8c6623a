import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SheetPrintJob } from '../../../core/contract/types/cards';
import { uuidv7 } from '../../../core/uuidv7';
import { createAppServices, type AppServices } from '../../../main/app/app-services';
import type { PrintQueue } from '../../../main/printing/print-queue';
import { createKeyFileSecretBox } from '../../../main/terminal/key-file-secret-box';
import { fakeEnrollAndPull } from '../terminal/support/local-terminal';
import { call, FAST_SYNC, tempDir } from '../terminal/support/terminal-harness';

export { call };

export interface Rig {
  s: AppServices;
  dataDir: string;
  sheetDir: string;
  printed: string[];
  close(): Promise<void>;
}

/** A fake print queue that records the files it was handed (and can be made to fail or wait). */
export function fakeQueue(printed: string[], hook?: (path: string) => Promise<void>): PrintQueue {
  return {
    listPrinters: async () => [],
    printPdf: async () => ({ printer: 'Fake', jobId: '1' }) as never,
    printFile: async (path, request) => {
      printed.push(path);
      if (hook) await hook(path);
      return { printer: request.printer, jobId: '1' } as never;
    },
  };
}

/** A terminal on a temp folder, enrolled without a server, a manager signed in, a fake printer configured. */
export async function openRig(
  opts: { queue?: PrintQueue; printed?: string[]; dataDir?: string } = {},
): Promise<Rig> {
  const dataDir = opts.dataDir ?? tempDir('review-sheets');
  const printed = opts.printed ?? [];
  const s = await createAppServices({
    dataDir,
    secretBox: createKeyFileSecretBox(dataDir),
    sync: FAST_SYNC,
    printQueue: opts.queue ?? fakeQueue(printed),
    runtime: {
      host: 'browser',
      appName: 'Refill Desk',
      appVersion: '0.0.0-test',
      electronVersion: null,
      chromeVersion: null,
    },
  });
  if (!opts.dataDir) {
    fakeEnrollAndPull(s, 10_000);
    const m = await call<{ id: string }>(s, 'clerks.create', {
      name: 'Manager',
      pin: '123456',
      role: 'manager',
    });
    void m;
  }
  return {
    s,
    dataDir,
    sheetDir: join(dataDir, 'sheets'),
    printed,
    close: () => s.close(),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A deterministic 12-digit PIN, never a substring of a serial. */
export function pinOf(i: number): string {
  return `9${String(100_000_000_00 + i * 7919).slice(-11)}`;
}

/** Inserts `n` cards straight into the mirror with sealed PINs (as a pull + local mint would). */
export function seedCards(
  s: AppServices,
  n: number,
  over: { status?: string; validity?: string; expiresAt?: string; prefix?: string; start?: number } = {},
): { id: string; serial: string; pin: string }[] {
  const db = s.terminal.ledger.db;
  const seal = createKeyFileSecretBox(join(db.name, '..'));
  const series = uuidv7();
  const out: { id: string; serial: string; pin: string }[] = [];
  const insCard = db.prepare(
    `INSERT INTO cards (id, serial, series_id, owner_id, amount, currency, status, validity, expires_at, created_at)
     VALUES (?, ?, ?, ?, 1000, 'USD', ?, ?, ?, ?)`,
  );
  const insPin = db.prepare('INSERT INTO card_pins (card_id, pin_sealed, pin_length) VALUES (?, ?, 12)');
  const prefix = over.prefix ?? '777';
  const start = over.start ?? 1;
  db.transaction(() => {
    for (let i = start; i < start + n; i++) {
      const id = uuidv7();
      const serial = `${prefix}-${String(i).padStart(7, '0')}`;
      const pin = pinOf(i);
      insCard.run(
        id,
        serial,
        series,
        uuidv7(),
        over.status ?? 'new',
        over.validity ?? 'valid',
        over.expiresAt ?? '2099-11-30T23:59:59Z',
        new Date().toISOString(),
      );
      insPin.run(id, seal.encrypt(pin));
      out.push({ id, serial, pin });
    }
  })();
  return out;
}

/** Polls a sheet job until it leaves `running` (progress-based, no elapsed-time trigger). */
export async function settled(s: AppServices, jobId: string): Promise<SheetPrintJob> {
  for (;;) {
    const j = await call<SheetPrintJob>(s, 'cards.sheetJob', { jobId });
    if (j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Downloads a file sheet through the contract. */
export async function download(s: AppServices, jobId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0, done = false; !done;) {
    const piece = await call<{ base64: string; done: boolean }>(s, 'cards.sheetFile', { jobId, offset });
    const bytes = Buffer.from(piece.base64, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    done = piece.done;
  }
  return Buffer.concat(parts);
}

export const LAYOUT = { paper: 'A4', preset: 'dense-50', barcode: 'code128', cutMarks: false } as const;
