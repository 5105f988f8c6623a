import { chmodSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/start-server';
import { seedReseller, startCentral } from '../terminal/support/central-api';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../terminal/support/terminal-harness';

const posix = process.platform !== 'win32';

/** The folder's mode and every file in it with its mode (octal strings, for readable failures). */
function modes(dir: string): { folder: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) files[name] = (statSync(join(dir, name)).mode & 0o777).toString(8);
  return { folder: (statSync(dir).mode & 0o777).toString(8), files };
}

/** Names of entries with any group or other bit. */
function openToOthers(dir: string): string[] {
  return [dir, ...readdirSync(dir).map((n) => join(dir, n))].filter((p) => (statSync(p).mode & 0o077) !== 0);
}

describe.runIf(posix)("the terminal's data folder is private (folder 0700, files 0600)", () => {
  let serverDir: string;
  let server: RunningServer;
  const dirs: string[] = [];
  beforeAll(async () => {
    serverDir = tempDir('central-modes');
    server = await startCentral(serverDir);
  });
  afterAll(async () => {
    await server.close();
    for (const d of [serverDir, ...dirs]) rmSync(d, { recursive: true, force: true });
  });

  it('creates the folder and every file in it without group or other bits, whatever the umask', async () => {
    const parent = tempDir('modes');
    dirs.push(parent);
    const dataDir = join(parent, 'terminal');
    const seed = await seedReseller(server, { credits: 10_000 });
    // A permissive umask: the modes must come from the code, not from the environment.
    const umask = process.umask(0);
    try {
      const services = await openTerminal(dataDir);
      try {
        // Writes: enrollment stores the token (encrypted with the key file), a clerk, the first sync, a sale.
        await enrollAndSignIn(services, server.url, seed.code);
        await call(services, 'sales.create', {
          packageId: seed.pkg.id,
          customerAccount: '+15550001111',
          quantity: 1,
          tenderedAmount: 100,
        });
        const seen = modes(dataDir);
        expect(Object.keys(seen.files)).toEqual(
          expect.arrayContaining([
            'ledger.sqlite',
            'ledger.sqlite-wal',
            'ledger.sqlite-shm',
            'refill-desk.lock',
            'terminal.key',
          ]),
        );
        expect(openToOthers(dataDir), JSON.stringify(seen)).toEqual([]);
        expect(seen.folder).toBe('700');
      } finally {
        await services.close();
      }
    } finally {
      process.umask(umask);
    }
  });

  it('takes group and other bits off a folder and files left too open', async () => {
    const dataDir = tempDir('modes-open');
    dirs.push(dataDir);
    const seed = await seedReseller(server, { credits: 10_000 });
    const first = await openTerminal(dataDir);
    const managerId = await enrollAndSignIn(first, server.url, seed.code);
    await first.close();
    chmodSync(dataDir, 0o755);
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
    expect(openToOthers(dataDir).length).toBeGreaterThan(1);

    const again = await openTerminal(dataDir);
    try {
      await call(again, 'session.signIn', { clerkId: managerId, pin: '123456' });
      await call(again, 'clerks.create', { name: 'Second', pin: '5678', role: 'clerk' });
      expect(readdirSync(dataDir)).toEqual(
        expect.arrayContaining(['ledger.sqlite', 'ledger.sqlite-wal', 'refill-desk.lock', 'terminal.key']),
      );
      expect(openToOthers(dataDir), JSON.stringify(modes(dataDir))).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
