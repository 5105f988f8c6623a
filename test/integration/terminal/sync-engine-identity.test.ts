import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { fakeEnrollAndPull } from './support/local-terminal';
import { openTerminal, tempDir } from './support/terminal-harness';

/** A sync round before any contact with the API: a terminal not enrolled, and one whose token cannot be read. */

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close().catch(() => undefined);
    rmSync(o.dir, { recursive: true, force: true });
  }
});

async function fresh(): Promise<AppServices> {
  const dir = tempDir('sync-identity');
  const services = await openTerminal(dir);
  opened.push({ services, dir });
  return services;
}

describe('sync round without a usable identity', () => {
  it('answers not_enrolled, not retryable, and records no contact', async () => {
    const services = await fresh();
    const { engine, ledger } = services.terminal;
    const before = ledger.syncState();
    const report = await engine.syncNow();
    expect(report).toMatchObject({
      ok: false,
      error: { code: 'not_enrolled', retryable: false },
      pushed: 0,
      changesPulled: 0,
    });
    expect(ledger.syncState()).toEqual(before);
    expect(report.finishedAt).toBe(report.startedAt);
  });

  it('answers token_unreadable when the stored token was sealed by another secret box, and keeps the outbox', async () => {
    const services = await fresh();
    const pkg = fakeEnrollAndPull(services, 10_000);
    const { engine, ledger, sales } = services.terminal;
    await sales.createSale({ packageId: pkg.id, customerAccount: '+4470000001', quantity: 1 }, null);
    // As if the data folder were copied from a machine whose OS keychain sealed the token.
    ledger.db.prepare("UPDATE terminal_identity SET token_box_kind = 'safe-storage'").run();
    for (let round = 0; round < 2; round++) {
      const report = await engine.syncNow();
      expect(report).toMatchObject({
        ok: false,
        error: {
          code: 'token_unreadable',
          message: expect.stringContaining('re-enroll this terminal'),
          retryable: false,
        },
        pushed: 0,
        changesPulled: 0,
      });
      expect(ledger.syncState()).toMatchObject({
        lastContactOnline: false,
        lastError: expect.stringContaining('re-enroll this terminal'),
      });
    }
    expect(ledger.peekOutbox(10)).toHaveLength(1);
  });
});
