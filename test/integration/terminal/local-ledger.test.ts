import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { uuidv7 } from '../../../core/uuidv7';
import { fakeEnrollAndPull, FAKE_TOKEN } from './support/local-terminal';
import { openTerminal, tempDir } from './support/terminal-harness';

const opened: { services: AppServices; dir: string }[] = [];
async function fresh(): Promise<{ services: AppServices; dir: string }> {
  const dir = tempDir('ledger');
  const services = await openTerminal(dir);
  opened.push({ services, dir });
  return { services, dir };
}
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close().catch(() => undefined);
    rmSync(o.dir, { recursive: true, force: true });
  }
});

/** Every journal entry's postings sum to zero per currency. */
function journalBalances(db: BetterSqlite3.Database): void {
  const bad = db
    .prepare(
      'SELECT entry_id, currency, SUM(amount) AS s FROM journal_postings GROUP BY entry_id, currency HAVING s != 0',
    )
    .all();
  expect(bad).toEqual([]);
}

describe('local ledger', () => {
  it('commits an offline sale as sale row + journal entry + outbox command at once; the view subtracts its debit', async () => {
    const { services } = await fresh();
    const pkg = fakeEnrollAndPull(services, 10_000);
    const { ledger, sales } = services.terminal;
    const out = await sales.createSale(
      { packageId: pkg.id, customerAccount: '+4470000001', quantity: 3, tenderedAmount: 500 },
      null,
    );
    expect(out.outcome).toBe('queued');
    if (out.outcome !== 'queued') return;
    expect(out.sale).toMatchObject({
      saleNumber: 'LOC1-000001',
      retailAmount: 300,
      wholesaleAmount: 270,
      changeAmount: 200,
    });
    expect(ledger.balanceView()).toMatchObject({
      serverBalance: 10_000,
      pendingDebits: 270,
      available: 9_730,
      pendingCount: 1,
      pendingOfflineTotal: 300,
    });
    const [cmd] = ledger.peekOutbox(10);
    expect(cmd).toMatchObject({
      type: 'sale.create',
      offline: true,
      payload: { saleId: out.sale.id, saleNumber: 'LOC1-000001' },
    });
    journalBalances(ledger.db);
    expect(ledger.accountTotals()).toMatchObject({ reseller_credit: -270, cash_drawer: 300 });
    const second = await sales.createSale(
      { packageId: pkg.id, customerAccount: '+4470000001', quantity: 1 },
      null,
    );
    expect(second.outcome === 'queued' && second.sale.saleNumber).toBe('LOC1-000002');
  });

  it('refuses an offline sale over the limits and writes nothing', async () => {
    const { services } = await fresh();
    const pkg = fakeEnrollAndPull(services, 10_000, {
      perSaleMax: 250,
      totalOfflineMax: 350,
      maxHoursSinceSync: 24,
    });
    const { ledger, sales } = services.terminal;
    expect(
      await sales.createSale({ packageId: pkg.id, customerAccount: '+4470000001', quantity: 3 }, null),
    ).toMatchObject({
      outcome: 'refused',
      reason: 'offline_per_sale_limit',
      sale: null,
    });
    expect(
      (await sales.createSale({ packageId: pkg.id, customerAccount: '+4470000001', quantity: 2 }, null))
        .outcome,
    ).toBe('queued');
    expect(
      await sales.createSale({ packageId: pkg.id, customerAccount: '+4470000001', quantity: 3 }, null),
    ).toMatchObject({
      reason: 'offline_per_sale_limit',
    });
    expect(
      await sales.createSale({ packageId: pkg.id, customerAccount: '+4470000001', quantity: 2 }, null),
    ).toMatchObject({
      outcome: 'refused',
      reason: 'offline_total_limit',
    });
    expect(ledger.balanceView().pendingCount).toBe(1);
    expect(ledger.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 1 });
    expect(ledger.db.prepare("SELECT value FROM counters WHERE name = 'sale_number'").get()).toEqual({
      value: 1,
    });
  });

  it('refuses an offline sale beyond the last known balance minus pending debits', async () => {
    const { services } = await fresh();
    const pkg = fakeEnrollAndPull(services, 200);
    const { sales } = services.terminal;
    expect(
      (await sales.createSale({ packageId: pkg.id, customerAccount: '+4470000001', quantity: 2 }, null))
        .outcome,
    ).toBe('queued');
    expect(
      await sales.createSale({ packageId: pkg.id, customerAccount: '+4470000001', quantity: 1 }, null),
    ).toMatchObject({
      outcome: 'refused',
      reason: 'insufficient_balance',
    });
  });

  it('moves acknowledged commands to the acked log; a rejection is compensated by a new entry and the sale reversed', async () => {
    const { services } = await fresh();
    const pkg = fakeEnrollAndPull(services, 10_000);
    const { ledger, sales } = services.terminal;
    const a = await sales.createSale(
      { packageId: pkg.id, customerAccount: '+4470000001', quantity: 1 },
      null,
    );
    const b = await sales.createSale(
      { packageId: pkg.id, customerAccount: '+4470000002', quantity: 2 },
      null,
    );
    if (a.outcome !== 'queued' || b.outcome !== 'queued') throw new Error('expected queued');
    const acks = ledger.applyOutcomes([
      { id: a.sale.commandId, status: 'applied', result: { ok: 1 } },
      { id: b.sale.commandId, status: 'rejected', reason: 'insufficient_credits', message: 'too low' },
    ]);
    expect(acks.map((x) => x.status)).toEqual(['applied', 'rejected']);
    expect(ledger.peekOutbox(10)).toEqual([]);
    expect(sales.get(a.sale.id)!.status).toBe('confirmed');
    expect(sales.get(b.sale.id)).toMatchObject({ status: 'reversed', reason: 'insufficient_credits' });
    // The applied debit stays subtracted until a pull refreshed the balance; the rejected one is gone at once.
    expect(ledger.balanceView()).toMatchObject({ pendingDebits: 90, available: 9_910, pendingCount: 0 });
    ledger.applyChanges([], '2', false, ledger.ackWatermark(), new Date().toISOString());
    expect(ledger.balanceView()).toMatchObject({ pendingDebits: 0, available: 10_000 });
    journalBalances(ledger.db);
    expect(ledger.accountTotals().reseller_credit).toBe(-90);
    const entries = ledger.db
      .prepare('SELECT kind, reverses_entry_id FROM journal_entries ORDER BY id')
      .all();
    expect(entries).toHaveLength(3);
    expect(entries[2]).toMatchObject({ kind: 'reversal' });
    expect(() => ledger.db.prepare('UPDATE journal_postings SET amount = 0').run()).toThrow(/immutable/);
    expect(() => ledger.db.prepare('DELETE FROM journal_entries').run()).toThrow(/immutable/);
    const page = ledger.listCommands('rejected', 10, null);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      state: 'rejected',
      reason: 'insufficient_credits',
      message: 'too low',
    });
    // A repeated outcome for an already acked command changes nothing.
    expect(
      ledger.applyOutcomes([{ id: a.sale.commandId, status: 'duplicate', original: 'applied', result: {} }]),
    ).toEqual([]);
  });

  it("keeps its own reseller's balance when the feed carries another reseller's", async () => {
    const { services } = await fresh();
    fakeEnrollAndPull(services, 10_000);
    const { ledger } = services.terminal;
    ledger.applyChanges(
      [{ seq: '3', kind: 'balance', data: { resellerId: uuidv7(), currency: 'USD', balance: 25 } }],
      '3',
      false,
      ledger.ackWatermark(),
      new Date().toISOString(),
    );
    expect(ledger.balanceView()).toMatchObject({ serverBalance: 10_000, available: 10_000 });
  });

  it('refuses to number a second offline decision from a window already used, and numbers nothing', async () => {
    const { services } = await fresh();
    fakeEnrollAndPull(services, 10_000);
    const { ledger } = services.terminal;
    const window = ledger.offlineWindow();
    const lastSync = new Date().toISOString();
    const claim = ledger.transaction(() => ledger.recordOfflineDecision(uuidv7(), 100, 1, lastSync, window));
    expect(claim.seq).toBe(window.seq);
    expect(() =>
      ledger.transaction(() => ledger.recordOfflineDecision(uuidv7(), 100, 1, lastSync, window)),
    ).toThrow('offline decision numbers out of step');
    expect(ledger.offlineWindow()).toMatchObject({ seq: window.seq + 1, exposure: 100 });
  });

  it('online-first with no answer: within the offline rules the sale is queued and flagged offline, else in doubt', async () => {
    const { services } = await fresh();
    const pkg = fakeEnrollAndPull(services, 10_000, {
      perSaleMax: 250,
      totalOfflineMax: 5_000,
      maxHoursSinceSync: 24,
    });
    const { ledger, sales } = services.terminal;
    ledger.recordContact(true, null); // last contact was online, but the API address answers nothing
    const ok = await sales.createSale(
      { packageId: pkg.id, customerAccount: '+4470000001', quantity: 2 },
      null,
    );
    expect(ok.outcome).toBe('queued');
    expect(ledger.syncState().lastContactOnline).toBe(false); // the failed push recorded the contact
    ledger.recordContact(true, null);
    const big = await sales.createSale(
      { packageId: pkg.id, customerAccount: '+4470000001', quantity: 3 },
      null,
    );
    expect(big).toMatchObject({
      outcome: 'refused',
      reason: 'offline_per_sale_limit',
      sale: { status: 'in_doubt' },
    });
    // The refused sale stays queued (it may have reached the server), followed by its void so the server cancels it.
    const outbox = ledger.peekOutbox(10);
    expect(outbox.map((c) => [c.type, c.offline])).toEqual([
      ['sale.create', true],
      ['sale.create', false],
      ['sale.void', false],
    ]);
    expect(outbox[2]!.payload).toEqual({ saleId: big.sale!.id, reason: 'refused_at_counter' });
    expect(ledger.balanceView()).toMatchObject({
      pendingCount: 3,
      pendingOfflineTotal: 200,
      pendingDebits: 450,
    });
  });

  it('property: after any sequence of sales, acks and pulls the view equals its sources and every entry balances', async () => {
    const { services } = await fresh();
    const pkg = fakeEnrollAndPull(services, 1_000_000, {
      perSaleMax: 1_000_000,
      totalOfflineMax: 1_000_000_000,
      maxHoursSinceSync: 24,
    });
    const { ledger, sales } = services.terminal;
    const resellerId = (
      ledger.db.prepare('SELECT reseller_id FROM terminal_identity').get() as { reseller_id: string }
    ).reseller_id;
    let serverBal = 1_000_000;
    let seq = 10;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('sale' as const), qty: fc.integer({ min: 1, max: 5 }) }),
      fc.record({
        kind: fc.constant('ack' as const),
        n: fc.integer({ min: 1, max: 4 }),
        reject: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('pull' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'sale') {
            await sales.createSale(
              { packageId: pkg.id, customerAccount: '+4470000009', quantity: o.qty },
              null,
            );
          } else if (o.kind === 'ack') {
            const batch = ledger.peekOutbox(o.n);
            ledger.applyOutcomes(
              batch.map((c) =>
                o.reject
                  ? { id: c.id, status: 'rejected' as const, reason: 'forbidden' as const, message: 'no' }
                  : { id: c.id, status: 'applied' as const, result: null },
              ),
            );
            if (!o.reject)
              for (const c of batch) serverBal -= 90 * (c.payload as { quantity: number }).quantity;
          } else {
            seq += 1;
            const w = ledger.ackWatermark();
            ledger.applyChanges(
              [
                {
                  seq: String(seq),
                  kind: 'balance',
                  data: { resellerId, currency: 'USD', balance: serverBal },
                },
              ],
              String(seq),
              false,
              w,
              new Date().toISOString(),
            );
          }
          const view = ledger.balanceView();
          const outboxDebit = (
            ledger.db.prepare('SELECT COALESCE(SUM(debit),0) AS d FROM outbox').get() as { d: number }
          ).d;
          const unsettled = (
            ledger.db
              .prepare(
                "SELECT COALESCE(SUM(debit),0) AS d FROM acked_commands WHERE status='applied' AND balance_settled=0",
              )
              .get() as { d: number }
          ).d;
          expect(view.pendingDebits).toBe(outboxDebit + unsettled);
          // The trigger-kept outbox totals equal the outbox itself.
          expect({ offline: view.pendingOfflineTotal, n: view.pendingCount }).toEqual(
            ledger.db
              .prepare('SELECT COALESCE(SUM(offline_amount),0) AS offline, COUNT(*) AS n FROM outbox')
              .get(),
          );
          expect(view.available).toBe(view.serverBalance! - view.pendingDebits);
          // The window's exposure, read from two running totals, equals the sum it stands for.
          const w = ledger.offlineWindow();
          expect(w.exposure).toBe(
            (
              ledger.db
                .prepare(
                  'SELECT COALESCE(SUM(retail_amount),0) AS e FROM offline_decisions WHERE seq >= ? AND seq < ?',
                )
                .get(w.windowStart, w.seq) as { e: number }
            ).e,
          );
          // After a pull, the view is exactly the server's balance minus what the server has not seen yet.
          if (o.kind === 'pull') expect(view.available).toBe(serverBal - outboxDebit);
          const rejected = (
            ledger.db
              .prepare("SELECT COALESCE(SUM(debit),0) AS d FROM acked_commands WHERE status='rejected'")
              .get() as { d: number }
          ).d;
          const all = (
            ledger.db.prepare('SELECT COALESCE(SUM(wholesale_amount),0) AS d FROM sales').get() as {
              d: number;
            }
          ).d;
          expect((ledger.accountTotals().reseller_credit ?? 0) + 0).toBe(rejected - all + 0);
        }
        journalBalances(ledger.db);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps the outbox across a restart and never stores the token in plain text', async () => {
    const { services, dir } = await fresh();
    const pkg = fakeEnrollAndPull(services, 10_000);
    await services.terminal.sales.createSale(
      { packageId: pkg.id, customerAccount: '+4470000001', quantity: 1 },
      null,
    );
    expect(services.terminal.identity.token()).toBe(FAKE_TOKEN);
    await services.close();
    opened.pop();
    const again = await openTerminal(dir);
    opened.push({ services: again, dir });
    expect(again.terminal.ledger.peekOutbox(10)).toHaveLength(1);
    expect(again.terminal.identity.token()).toBe(FAKE_TOKEN);
    const needle = Buffer.from(FAKE_TOKEN);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes(needle), f).toBe(false);
  });

  it('never queues a command dated outside the years the protocol accepts: clock_wrong, and nothing written', async () => {
    const { services } = await fresh();
    fakeEnrollAndPull(services, 10_000);
    const { ledger } = services.terminal;
    const command = (createdAt: string) => ({
      id: uuidv7(),
      type: 'stock.release',
      payload: { packageId: uuidv7(), quantity: 1 },
      createdAt,
      clerkId: null,
      offline: true,
    });
    for (const createdAt of ['1999-12-31T23:59:59.999Z', '2200-01-01T00:00:00.000Z', 'not a time']) {
      expect(() => ledger.transaction(() => ledger.writeCommand(command(createdAt), 0, 0))).toThrow(
        expect.objectContaining({ code: 'clock_wrong' }),
      );
      expect(() =>
        ledger.transaction(() =>
          ledger.writeOperation({
            command: command(createdAt),
            debit: 0,
            offlineAmount: 0,
            entryKind: 'stock_sale',
            memo: 'dated wrong',
            postings: [],
          }),
        ),
      ).toThrow(expect.objectContaining({ code: 'clock_wrong' }));
    }
    expect(ledger.peekOutbox(10)).toEqual([]);
    expect(ledger.db.prepare('SELECT count(*) AS n FROM journal_entries').get()).toEqual({ n: 0 });
    ledger.transaction(() => ledger.writeCommand(command('2000-01-01T00:00:00.000Z'), 0, 0));
    expect(ledger.peekOutbox(10)).toHaveLength(1);
  });
});
