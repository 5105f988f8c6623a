import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { AppStatus } from '../../../core/contract/types/status';
import type { CommandPage, SyncReport } from '../../../core/contract/types/sync';
import type { Package } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import type { AppServices } from '../../../main/app/app-services';
import type { Clock } from '../../../main/ledger/ledger-types';
import { createPackage, updatePackage } from '../../../server/catalog/package-service';
import { updateTerminalSettings } from '../../../server/terminals/terminal-settings-service';
import { seedReseller, serverBalance, type SeededReseller, useCentral } from './support/central-api';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from './support/terminal-harness';

const central = useCentral('central-promise');
const cleanup = central.cleanup;

interface Till {
  readonly s: AppServices;
  readonly proxy: FaultProxy;
  readonly seed: SeededReseller;
}

/** A terminal enrolled through its own fault proxy and synced once. */
async function till(
  opts: { credits?: number; perSaleMax?: number; totalOfflineMax?: number; clock?: Clock } = {},
): Promise<Till> {
  const proxy = await startFaultProxy(central.server.url);
  const dir = tempDir('term-promise');
  const s = await openTerminal(dir, opts.clock ? { clock: opts.clock } : {});
  cleanup.push(async () => {
    await s.close();
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const seed = await seedReseller(central.server, {
    credits: opts.credits ?? 100_000,
    floorLimits: {
      perSaleMax: opts.perSaleMax ?? 1_000,
      totalOfflineMax: opts.totalOfflineMax ?? 10_000,
      maxHoursSinceSync: 24,
    },
  });
  await enrollAndSignIn(s, proxy.url, seed.code);
  s.terminal.ledger.db
    .prepare("INSERT INTO app_settings (key, value, updated_at) VALUES ('sales.onlineWaitMs', '500', '')")
    .run();
  return { s, proxy, seed };
}

const sell = (s: AppServices, packageId: string) =>
  call<SaleCreateOutcome>(s, 'sales.create', { packageId, customerAccount: '+15550001234', quantity: 1 });

/** Takes the till offline: the next sync fails, so sales take the store-and-forward path. */
async function goOffline(t: Till): Promise<void> {
  t.proxy.mode = { kind: 'down' };
  expect((await call<SyncReport>(t.s, 'sync.now')).ok).toBe(false);
}

async function syncOk(t: Till): Promise<SyncReport> {
  t.proxy.mode = { kind: 'pass' };
  t.proxy.faultPathPrefix = '/';
  const r = await call<SyncReport>(t.s, 'sync.now');
  expect(r).toMatchObject({ ok: true });
  return r;
}

/** Rejected commands on the terminal (none may be an honoured offline sale). */
async function rejected(s: AppServices): Promise<CommandPage['items']> {
  return (await call<CommandPage>(s, 'sync.commands', { filter: 'rejected', limit: 200, before: null }))
    .items;
}

/** The terminal's books agree with the server: balance, nothing pending, every sale of the till applied there. */
async function expectAgreement(t: Till): Promise<void> {
  const bal = await serverBalance(central.server, t.seed.resellerId);
  expect(t.s.terminal.ledger.balanceView()).toMatchObject({
    serverBalance: bal,
    available: bal,
    pendingCount: 0,
  });
  const terminalId = t.s.terminal.identity.require().terminalId;
  const rows = await central.server.db.query<{ id: string; status: string }>(
    'SELECT id, status FROM sales WHERE terminal_id = $1',
    [terminalId],
  );
  const local = t.s.terminal.saleStore.allIds();
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(local));
  expect(rows.every((r) => r.status === 'purchased')).toBe(true);
}

describe('the offline promise', () => {
  it('push succeeds while pull fails: the window moves with the acknowledgements, nothing honoured is reversed', async () => {
    const t = await till({ totalOfflineMax: 300 });
    await goOffline(t);
    for (let i = 0; i < 3; i++) expect((await sell(t.s, t.seed.pkg.id)).outcome).toBe('queued');
    expect((await sell(t.s, t.seed.pkg.id)).outcome).toBe('refused'); // the window is full at the counter
    // The server answers pushes but every pull fails: the sync never completes.
    t.proxy.mode = { kind: 'error500' };
    t.proxy.faultPathPrefix = '/v1/terminal/sync/pull';
    const round = await call<SyncReport>(t.s, 'sync.now');
    expect(round).toMatchObject({ ok: false, applied: 3 });
    // Still offline (the round failed), the acknowledged sales left the window: three more are honoured.
    expect(t.s.terminal.ledger.offlineWindow().exposure).toBe(0);
    for (let i = 0; i < 3; i++) expect((await sell(t.s, t.seed.pkg.id)).outcome).toBe('queued');
    const again = await call<SyncReport>(t.s, 'sync.now');
    expect(again).toMatchObject({ applied: 3, rejected: 0 });
    await syncOk(t);
    expect(await rejected(t.s)).toEqual([]);
    await expectAgreement(t);
  });

  it('a terminal clock 60 s fast: what the counter honoured within the window, the server applies', async () => {
    const t = await till({ totalOfflineMax: 300, clock: () => Date.now() + 60_000 });
    await syncOk(t);
    expect(t.s.terminal.ledger.syncState().clockOffsetMs).toBeLessThan(-50_000);
    await goOffline(t);
    for (let i = 0; i < 3; i++) expect((await sell(t.s, t.seed.pkg.id)).outcome).toBe('queued');
    await syncOk(t);
    await goOffline(t);
    for (let i = 0; i < 3; i++) expect((await sell(t.s, t.seed.pkg.id)).outcome).toBe('queued');
    await syncOk(t);
    expect(await rejected(t.s)).toEqual([]);
    await expectAgreement(t);
  });

  it('catalog and limits changed while offline: sales apply at the prices the terminal had, both journals agree', async () => {
    const t = await till({ perSaleMax: 1_000 });
    const tag = uuidv7().slice(-8);
    const make = (code: string, wholesale: number): Promise<Package> =>
      createPackage(central.server.db, {
        code: `${code}${tag}`,
        name: `${code} ${tag}`,
        kind: 'topup',
        faceValue: 100,
        wholesalePrice: wholesale,
        retailPrice: 100,
        currency: 'USD',
        validityDays: null,
      });
    const priceUp = await make('UP', 90);
    const retired = await make('RET', 80);
    const cheaper = await make('WS', 70);
    await syncOk(t); // the terminal pulls all three
    await goOffline(t);
    await updatePackage(central.server.db, priceUp.id, { retailPrice: 150 });
    await updatePackage(central.server.db, retired.id, { active: false });
    await updatePackage(central.server.db, cheaper.id, { wholesalePrice: 40 });
    const terminalId = t.s.terminal.identity.require().terminalId;
    await updateTerminalSettings(central.server.db, t.seed.resellerId, terminalId, {
      floorLimits: { perSaleMax: 50, totalOfflineMax: 10_000, maxHoursSinceSync: 24 },
    });
    const before = await serverBalance(central.server, t.seed.resellerId);
    for (const p of [priceUp, retired, cheaper]) expect((await sell(t.s, p.id)).outcome).toBe('queued');
    const cashBefore = t.s.terminal.ledger.accountTotals().cash_drawer;
    await syncOk(t);
    expect(await rejected(t.s)).toEqual([]);
    // Applied at the wholesale the terminal booked (90 + 80 + 70), not today's (40 for the last one).
    expect(await serverBalance(central.server, t.seed.resellerId)).toBe(before - 240);
    expect(t.s.terminal.ledger.accountTotals().reseller_credit).toBe(-240);
    expect(t.s.terminal.ledger.accountTotals().cash_drawer).toBe(cashBefore);
    expect(cashBefore).toBe(300);
    await expectAgreement(t);
    // The lowered per-sale limit binds the terminal now that it has pulled it.
    await goOffline(t);
    expect(await sell(t.s, t.seed.pkg.id)).toMatchObject({
      outcome: 'refused',
      reason: 'offline_per_sale_limit',
    });
  });

  it('a poison command between good ones: the good ones apply, the poison one is rejected or quarantined', async () => {
    const t = await till();
    await goOffline(t);
    expect((await sell(t.s, t.seed.pkg.id)).outcome).toBe('queued');
    const ledger = t.s.terminal.ledger;
    // An old build wrote a sale stamped while its clock read 1999 (outside the protocol's range; this build's ledger
    // refuses to queue one, so the row goes in as that build left it)...
    const poisonTime = uuidv7();
    ledger.db
      .prepare(
        `INSERT INTO outbox (id, type, payload, created_at, clerk_id, offline, debit, offline_amount)
         VALUES (?, 'sale.create', ?, '1999-12-31T23:59:00.000Z', NULL, 0, 0, 0)`,
      )
      .run(poisonTime, JSON.stringify({ saleId: uuidv7(), garbage: true }));
    // ...and something wrote a command too large for any request the server takes.
    const tooBig = ledger.transaction(() => {
      const id = uuidv7();
      ledger.writeCommand(
        {
          id,
          type: 'note.huge',
          payload: { text: 'x'.repeat(5 * 1024 * 1024) },
          createdAt: new Date().toISOString(),
          clerkId: null,
          offline: false,
        },
        0,
        0,
      );
      return id;
    });
    // ...and a command the API refuses as a whole request (an id longer than any it reads).
    const longId = 'x'.repeat(80);
    ledger.transaction(() =>
      ledger.writeCommand(
        {
          id: longId,
          type: 'note.odd',
          payload: {},
          createdAt: new Date().toISOString(),
          clerkId: null,
          offline: false,
        },
        0,
        0,
      ),
    );
    expect((await sell(t.s, t.seed.pkg.id)).outcome).toBe('queued');
    // The too large one is set aside without being sent. The first round isolates the request the API refuses as a
    // whole and retries it later (its refusal must repeat); the next round quarantines it. The good commands around
    // them apply in the meantime.
    t.proxy.mode = { kind: 'pass' };
    const first = await call<SyncReport>(t.s, 'sync.now');
    expect(first).toMatchObject({ ok: false, applied: 1, rejected: 1 });
    const round = await syncOk(t);
    expect(round).toMatchObject({ applied: 1, rejected: 0 });
    const rej = await rejected(t.s);
    expect(rej.map((r) => [r.id, r.reason, r.needsManager])).toEqual([[poisonTime, 'invalid_command', true]]);
    const quarantined = () =>
      call<CommandPage>(t.s, 'sync.commands', { filter: 'quarantined', limit: 10, before: null });
    const q = await quarantined();
    expect(q.items.map((i) => [i.id, i.state, i.reason, i.needsManager])).toEqual([
      [longId, 'quarantined', 'invalid_input', true],
      [tooBig, 'quarantined', 'request_too_large', true],
    ]);
    // A manager can send one again: it goes back to the queue and a sync runs (here it is set aside again, being
    // still too large, now the newest in the list).
    expect(await call(t.s, 'sync.requeue', { id: tooBig })).toEqual({ requeued: true });
    await call<SyncReport>(t.s, 'sync.now');
    expect((await quarantined()).items.map((i) => i.id)).toEqual([tooBig, longId]);
    expect(await call(t.s, 'sync.requeue', { id: uuidv7() })).toEqual({ requeued: false });
    // The next sales sync as usual.
    expect((await sell(t.s, t.seed.pkg.id)).outcome).toBe('confirmed');
    await syncOk(t);
    await expectAgreement(t);
  });

  it('a clock reading 1999 refuses the sale at the counter and writes nothing', async () => {
    let offset = 0;
    const t = await till({ clock: () => Date.now() + offset });
    offset = Date.parse('1999-12-31T12:00:00.000Z') - Date.now();
    const pending = t.s.terminal.ledger.balanceView().pendingCount;
    await expect(sell(t.s, t.seed.pkg.id)).rejects.toMatchObject({ code: 'clock_wrong' });
    expect(t.s.terminal.ledger.balanceView().pendingCount).toBe(pending);
    expect(t.s.terminal.saleStore.allIds()).toEqual([]);
  });

  it("a clock 10 minutes ahead of the server's refuses sales once the offset is known", async () => {
    const t = await till({ clock: () => Date.now() + 10 * 60_000 });
    expect(t.s.terminal.ledger.syncState().clockOffsetMs).toBeLessThan(-9 * 60_000);
    await expect(sell(t.s, t.seed.pkg.id)).rejects.toMatchObject({
      code: 'clock_wrong',
      message: expect.stringContaining('ahead'),
    });
    expect(t.s.terminal.saleStore.allIds()).toEqual([]);
    // The status bar says so.
    const status = await call<AppStatus>(t.s, 'app.status');
    expect(status.clockWarning).toMatch(/clock is 10 min ahead of the server's/);
  });
});
