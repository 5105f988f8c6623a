import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SyncReport } from '../../../core/contract/types/sync';
import { uuidv7 } from '../../../core/uuidv7';
import { updateTerminalSettings } from '../../../server/terminals/terminal-settings-service';
import { seedReseller, serverBalance, serverSales, useCentral } from './support/central-api';
import { call, enrollAndSignIn, openTerminal, tempDir } from './support/terminal-harness';
import { commands, enrollTill, goOffline, pushOnlyRound, sell, syncOk } from './support/till';
import { startFaultProxy } from './support/fault-proxy';

/**
 * Found by an adversarial review of the offline promise: honest terminals (only sales.create, sync and faults on the
 * way) against the hard cap, a refusal by something between terminal and API, and a command no database can store.
 */

const central = useCentral('central-cap');
const cleanup = central.cleanup;

const LIMITS = { perSaleMax: 1_000, totalOfflineMax: 300, maxHoursSinceSync: 24 };

describe('honest terminals and the hard cap', () => {
  it('pushes succeed but pulls fail while another terminal spends the credit: the push answer tells the balance, so the counter stops before the cap', async () => {
    const seed = await seedReseller(central.server, { credits: 9_000 });
    const a = await enrollTill(central.server, cleanup, seed.resellerId, LIMITS);
    const b = await enrollTill(central.server, cleanup, seed.resellerId, LIMITS, { onlineWaitMs: 60_000 });
    expect((await sell(b.s, seed.pkg.id, 100)).outcome).toBe('confirmed');
    expect(await serverBalance(central.server, seed.resellerId)).toBe(0);
    // A last pulled 9,000 and cannot pull again; it sells its window, then pushes (the pull fails).
    await goOffline(a);
    for (let i = 0; i < 3; i++) expect((await sell(a.s, seed.pkg.id)).outcome).toBe('queued');
    expect(await pushOnlyRound(a)).toMatchObject({ ok: false, applied: 3 });
    // The push answered the balance it left (-270): A knows the credit is gone and honours nothing more.
    expect(a.s.terminal.ledger.balanceView()).toMatchObject({ serverBalance: -270, available: -270 });
    expect(await sell(a.s, seed.pkg.id)).toMatchObject({
      outcome: 'refused',
      reason: 'insufficient_balance',
    });
    await syncOk(a);
    expect(await commands(a.s, 'rejected')).toEqual([]);
    expect(await serverBalance(central.server, seed.resellerId)).toBe(-270);
  });

  it('the reseller lowers the offline limits of its offline terminals: what they honoured under the old ones applies', async () => {
    const seed = await seedReseller(central.server, { credits: 270 });
    const tills = [];
    for (let i = 0; i < 3; i++)
      tills.push(await enrollTill(central.server, cleanup, seed.resellerId, LIMITS));
    for (const t of tills) {
      await goOffline(t);
      for (let i = 0; i < 3; i++) expect((await sell(t.s, seed.pkg.id)).outcome).toBe('queued');
    }
    for (const t of tills) {
      await updateTerminalSettings(central.server.db, seed.resellerId, t.terminalId, {
        floorLimits: { perSaleMax: 0, totalOfflineMax: 0, maxHoursSinceSync: 24 },
      });
    }
    for (const t of tills) await syncOk(t);
    for (const t of tills) expect(await commands(t.s, 'rejected')).toEqual([]);
    expect(await serverBalance(central.server, seed.resellerId)).toBe(270 - 9 * 90);
  });
});

describe('refusals on the way and poison commands', () => {
  it('a 400 from something between terminal and API quarantines nothing: the honoured sale is retried and arrives', async () => {
    const seed = await seedReseller(central.server, {
      credits: 100_000,
      floorLimits: { perSaleMax: 1_000, totalOfflineMax: 10_000, maxHoursSinceSync: 24 },
    });
    const proxy = await startFaultProxy(central.server.url);
    const dir = tempDir('term-q');
    const s = await openTerminal(dir);
    cleanup.push(async () => {
      await s.close();
      await proxy.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await enrollAndSignIn(s, proxy.url, seed.code);
    proxy.decide = () => ({ status: 503, body: '{"code":"unavailable","message":"gateway"}' });
    expect((await call<SyncReport>(s, 'sync.now')).ok).toBe(false);
    expect((await sell(s, seed.pkg.id)).outcome).toBe('queued');
    // The gateway refuses every push 400 (a body that even looks like the API's) for three rounds, then passes.
    let refused = 0;
    proxy.decide = (path) => {
      if (path === '/v1/terminal/sync/push' && refused < 3) {
        refused += 1;
        return { status: 400, body: '{"code":"invalid_input","message":"Bad Request"}' };
      }
      return null;
    };
    for (let i = 0; i < 3; i++) expect((await call<SyncReport>(s, 'sync.now')).ok).toBe(false);
    expect(refused).toBe(3);
    expect(await commands(s, 'quarantined')).toEqual([]);
    expect((await call<SyncReport>(s, 'sync.now')).ok).toBe(true);
    const terminalId = s.terminal.identity.require().terminalId;
    expect(new Set(await serverSales(central.server, terminalId))).toEqual(
      new Set(s.terminal.saleStore.allIds()),
    );
    expect(s.terminal.ledger.balanceView().serverBalance).toBe(
      await serverBalance(central.server, seed.resellerId),
    );
  });

  it('a command type no database can store (a NUL): rejected on its own, the honoured sales around it arrive', async () => {
    const seed = await seedReseller(central.server, { credits: 100_000 });
    const t = await enrollTill(central.server, cleanup, seed.resellerId, {
      perSaleMax: 1_000,
      totalOfflineMax: 10_000,
      maxHoursSinceSync: 24,
    });
    await goOffline(t);
    expect((await sell(t.s, seed.pkg.id)).outcome).toBe('queued');
    const ledger = t.s.terminal.ledger;
    const poison = uuidv7();
    ledger.transaction(() =>
      ledger.writeCommand(
        {
          id: poison,
          type: 'note\u0000',
          payload: { text: 'hello' },
          createdAt: new Date().toISOString(),
          clerkId: null,
          offline: false,
        },
        0,
        0,
      ),
    );
    expect((await sell(t.s, seed.pkg.id)).outcome).toBe('queued');
    const round = await syncOk(t);
    expect(round).toMatchObject({ applied: 2, rejected: 1 });
    expect((await commands(t.s, 'rejected')).map((c) => [c.id, c.reason])).toEqual([
      [poison, 'invalid_command'],
    ]);
    expect(new Set(await serverSales(central.server, t.terminalId))).toEqual(
      new Set(t.s.terminal.saleStore.allIds()),
    );
  });
});
