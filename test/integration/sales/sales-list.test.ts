import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClerkSummary } from '../../../core/contract/types/clerks';
import type { CustomerInfo } from '../../../core/contract/types/customers';
import type { PrinterListItem } from '../../../core/contract/types/receipts';
import type {
  SaleCreateOutcome,
  SaleListItem,
  SalePage,
  SalesTotals,
} from '../../../core/contract/types/sales';
import type { TerminalSettings } from '../../../core/contract/types/settings';
import type { Package } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import type { AppServices } from '../../../main/app/app-services';
import { createPrintQueue } from '../../../main/printing/print-queue';
import { fakeEnrollAndPull } from '../terminal/support/local-terminal';
import { call } from '../terminal/support/terminal-harness';
import { callError, middayClock, openSalesTerminal } from './support';

let s: AppServices;
let close: () => Promise<void>;
let pkg: Package;
let manager: ClerkSummary;
let clerk: ClerkSummary;

/** The server rejects a queued sale: the real rejection path (compensating journal entry, then the sale reversed). */
function rejectByServer(saleId: string): void {
  const { ledger, saleStore } = s.terminal;
  const pendingBefore = ledger.balanceView().pendingDebits;
  const sale = saleStore.get(saleId)!;
  const acks = ledger.applyOutcomes([
    { id: sale.commandId, status: 'rejected', reason: 'insufficient_credits', message: 'no credits' },
  ]);
  expect(acks).toMatchObject([{ id: sale.commandId, status: 'rejected' }]);
  expect(saleStore.get(saleId)).toMatchObject({ status: 'reversed', reason: 'insufficient_credits' });
  expect(ledger.balanceView().pendingDebits).toBe(pendingBefore - sale.wholesaleAmount);
  const entries = ledger.db
    .prepare('SELECT kind FROM journal_entries WHERE command_id = ? ORDER BY id')
    .all(sale.commandId) as { kind: string }[];
  expect(entries.map((e) => e.kind)).toEqual([expect.any(String), 'reversal']);
}

const sell = (account: string, quantity = 1, tenderedAmount?: number) =>
  call<SaleCreateOutcome>(s, 'sales.create', {
    packageId: pkg.id,
    customerAccount: account,
    quantity,
    ...(tenderedAmount === undefined ? {} : { tenderedAmount }),
  });

beforeAll(async () => {
  // No print system at all: printers.list must answer an empty list.
  // The file counts sales "today": its clock reads midday, so a run across midnight counts one day.
  const clock = middayClock();
  const t = await openSalesTerminal('sales-list', {
    printQueue: createPrintQueue({ cups: { lp: '/nonexistent/lp', lpstat: '/nonexistent/lpstat' } }),
    clock,
  });
  s = t.services;
  close = t.close;
  pkg = fakeEnrollAndPull(
    s,
    1_000_000,
    {
      perSaleMax: 100_000,
      totalOfflineMax: 10_000_000,
      maxHoursSinceSync: 24,
    },
    clock(),
  );
  manager = await call<ClerkSummary>(s, 'clerks.create', { name: 'Mona', pin: '123456', role: 'manager' });
  clerk = await call<ClerkSummary>(s, 'clerks.create', { name: 'Carl', pin: '5678', role: 'clerk' });
});
afterAll(async () => {
  await close();
});

describe('sales list, get and totals', () => {
  it('needs a signed-in clerk', async () => {
    await call(s, 'session.signOut');
    for (const m of ['sales.list', 'sales.totals', 'printers.list']) {
      expect((await callError(s, m))?.code).toBe('signed_out');
    }
    expect((await callError(s, 'customers.lookup', { account: '+15550001111' }))?.code).toBe('signed_out');
    await call(s, 'session.signIn', { clerkId: manager.id, pin: '123456' });
  });

  it('lists newest first with clerk names, states and print counts, filters and pages without gaps', async () => {
    const made: SaleListItem[] = [];
    for (let i = 0; i < 7; i++) {
      const out = await sell(`+1555000${String(1000 + i)}`, 1 + (i % 2), 500);
      expect(out.outcome).toBe('queued');
      made.push(await call<SaleListItem>(s, 'sales.get', { saleId: out.sale!.id }));
    }
    await call(s, 'session.signIn', { clerkId: clerk.id, pin: '5678' });
    const carls = await sell('+4477009999', 3);
    await call(s, 'session.signIn', { clerkId: manager.id, pin: '123456' });
    // One sale rejected by the server.
    rejectByServer(made[0]!.id);

    const first = await call<SalePage>(s, 'sales.list', { limit: 3 });
    expect(first.items.map((i) => i.id)).toEqual([carls.sale!.id, made[6]!.id, made[5]!.id]);
    expect(first.items[0]).toMatchObject({
      clerkName: 'Carl',
      businessStatus: 'purchased',
      syncState: 'queued',
      printCount: 0,
      retailAmount: 300,
      status: 'queued',
    });
    expect(first.next).not.toBeNull();
    const seen = [...first.items];
    let next = first.next;
    while (next !== null) {
      const page = await call<SalePage>(s, 'sales.list', { limit: 3, before: next });
      seen.push(...page.items);
      next = page.next;
    }
    expect(seen.map((i) => i.id)).toEqual([carls.sale!.id, ...made.map((m) => m.id).reverse()]);

    const byClerk = await call<SalePage>(s, 'sales.list', { clerkId: clerk.id });
    expect(byClerk.items.map((i) => i.id)).toEqual([carls.sale!.id]);
    const rejected = await call<SalePage>(s, 'sales.list', { sync: 'rejected' });
    expect(rejected.items.map((i) => [i.id, i.status])).toEqual([[made[0]!.id, 'reversed']]);
    const byCustomer = await call<SalePage>(s, 'sales.list', { customer: '0001003' });
    expect(byCustomer.items.map((i) => i.id)).toEqual([made[3]!.id]);
    expect((await call<SalePage>(s, 'sales.list', { customer: '%' })).items).toEqual([]);
    expect((await call<SalePage>(s, 'sales.list', { status: 'refunded' })).items).toEqual([]);
    const window = await call<SalePage>(s, 'sales.list', {
      from: made[2]!.createdAt,
      to: made[4]!.createdAt,
    });
    expect(
      window.items.every((i) => i.createdAt >= made[2]!.createdAt && i.createdAt < made[4]!.createdAt),
    ).toBe(true);
    // Times with an offset are normalised to UTC.
    const later = await call<SalePage>(s, 'sales.list', { from: '2999-01-01T01:00:00+01:00' });
    expect(later.items).toEqual([]);

    expect((await callError(s, 'sales.get', { saleId: uuidv7() }))?.code).toBe('not_found');
    expect((await callError(s, 'sales.list', { before: 'garbage' }))?.code).toBe('invalid_cursor');
    expect((await callError(s, 'sales.list', { limit: 201 }))?.code).toBe('invalid_input');
    expect((await callError(s, 'sales.list', { sync: 'lost' }))?.code).toBe('invalid_input');
  });

  it('totals today and the current shift, leaving reversed sales out', async () => {
    // Carl's shift starts now: whatever other tests sold, his shift has nothing yet.
    await call(s, 'session.signIn', { clerkId: clerk.id, pin: '5678' });
    const before = await call<SalesTotals>(s, 'sales.totals');
    expect(before.currency).toBe('USD');
    expect(new Date(before.today.from).getHours()).toBe(0);
    expect(before.shift).toMatchObject({ clerkId: clerk.id, count: 0, cashTaken: 0 });
    await sell('+15550007777', 2, 1_000);
    await sell('+15550007778', 1);
    const rejected = await sell('+15550007779', 3, 300);
    rejectByServer(rejected.sale!.id);
    const after = await call<SalesTotals>(s, 'sales.totals');
    // Two sales (200 + 100) count; the rejected 300 does not.
    expect(after.today).toMatchObject({ count: before.today.count + 2, amount: before.today.amount + 300 });
    expect(after.shift).toMatchObject({ clerkId: clerk.id, count: 2, cashTaken: 300 });
    expect(after.shift.since).toBe(before.shift.since);
    await call(s, 'session.signIn', { clerkId: manager.id, pin: '123456' });
  });

  it('counts in today the sales made before the current shift began', async () => {
    const before = await call<SalesTotals>(s, 'sales.totals');
    await sell('+15550008888', 1);
    // Carl's shift starts after that sale: it is not his, but it is today's.
    await call(s, 'session.signIn', { clerkId: clerk.id, pin: '5678' });
    const totals = await call<SalesTotals>(s, 'sales.totals');
    expect(totals.shift).toMatchObject({ clerkId: clerk.id, count: 0, cashTaken: 0 });
    expect(totals.today).toMatchObject({
      count: before.today.count + 1,
      amount: before.today.amount + 100,
    });
    await call(s, 'session.signIn', { clerkId: manager.id, pin: '123456' });
  });

  it('answers an empty page, and runs no query, for a customer text no account contains', async () => {
    const filter = { limit: 50, before: null, customer: '999999999' };
    expect(s.terminal.saleQueries.explain(filter)).toEqual(['no account matches: no query']);
    expect((await call<SalePage>(s, 'sales.list', { customer: '999999999' })).items).toEqual([]);
  });

  // Speed itself is not asserted here (timed tests flake on a loaded machine): the query plans must use an index and
  // never sort, which is what keeps a page cheap however many sales there are.
  it('pages a filtered list of 100k sales with index scans, never a sort', async () => {
    const todayBefore = (await call<SalesTotals>(s, 'sales.totals')).today;
    const db = s.terminal.ledger.db;
    const insert = db.prepare(
      `INSERT INTO sales (id, sale_number, command_id, package_id, package_name, customer_account, quantity, currency,
         retail_amount, wholesale_amount, clerk_id, created_at, status, server_status)
       VALUES (?, ?, ?, ?, 'Bulk', ?, 1, 'USD', 100, 90, ?, ?, ?, ?)`,
    );
    const statuses = ['confirmed', 'confirmed', 'confirmed', 'queued', 'reversed'] as const;
    const start = Date.parse('2024-01-01T00:00:00Z');
    db.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        const at = start + i * 60_000;
        insert.run(
          uuidv7(at),
          `BULK-${String(i).padStart(6, '0')}`,
          uuidv7(at),
          pkg.id,
          `+1555${String(i % 5_000).padStart(7, '0')}`,
          i % 3 === 0 ? clerk.id : manager.id,
          new Date(at).toISOString(),
          statuses[i % statuses.length],
          i % 50 === 0 ? 'refunded' : null,
        );
      }
    })();
    // Every filter matches more than two pages of the bulk sales, except the customer one: 20 sales, one page.
    const filters = [
      {},
      { clerkId: clerk.id },
      { sync: 'queued' },
      { sync: 'synced', clerkId: manager.id },
      { status: 'refunded' },
      { from: '2024-02-01T00:00:00.000Z', to: '2024-02-02T00:00:00.000Z' },
      { customer: '0004242' },
      { clerkId: clerk.id, from: '2024-01-15T00:00:00.000Z' },
    ] as const;
    for (const f of filters) {
      const label = JSON.stringify(f);
      const input = { limit: 50, before: null, ...f };
      const plan = s.terminal.saleQueries.explain(input);
      expect(plan.join(' / '), label).not.toMatch(/TEMP B-TREE/);
      expect(plan.join(' / '), label).toMatch(/USING (COVERING )?INDEX sales_/);
      const first = await call<SalePage>(s, 'sales.list', { ...f, limit: 50 });
      if ('customer' in f) {
        expect(first.items.length, label).toBe(20);
        expect(
          first.items.every((i) => i.customerAccount.includes(f.customer)),
          label,
        ).toBe(true);
        expect(first.next, label).toBeNull();
        continue;
      }
      expect(first.items.length, label).toBe(50);
      expect(first.next, label).not.toBeNull();
      const second = await call<SalePage>(s, 'sales.list', { ...f, limit: 50, before: first.next });
      expect(second.items.length, label).toBe(50);
      // The second page continues where the first ended: older (or same time, later id), no sale twice.
      expect(second.items[0]!.createdAt <= first.items.at(-1)!.createdAt, label).toBe(true);
      const ids = new Set(first.items.map((i) => i.id));
      expect(
        second.items.filter((i) => ids.has(i.id)),
        label,
      ).toEqual([]);
    }
    // A customer text matching a few accounts merges their walks of sales_customer_created: eleven accounts
    // (+15550000424, +15550004240 to +15550004249) of 20 sales each, paged in order without a sort, duplicate or gap.
    for (const f of [{ customer: '000424' }, { customer: '000424', clerkId: manager.id }]) {
      const label = JSON.stringify(f);
      const plan = s.terminal.saleQueries.explain({ limit: 50, before: null, ...f }).join(' / ');
      expect(plan, label).not.toMatch(/TEMP B-TREE/);
      expect(plan, label).toMatch(/MERGE \(UNION ALL\)/);
      expect(plan, label).toMatch(/USING INDEX sales_customer_created/);
      const seen: SaleListItem[] = [];
      let before: string | null = null;
      do {
        const page: SalePage = await call<SalePage>(s, 'sales.list', {
          ...f,
          limit: 50,
          ...(before ? { before } : {}),
        });
        seen.push(...page.items);
        before = page.next;
      } while (before !== null);
      // Sale i of the bulk is the manager's unless i % 3 == 0: 146 of the 220 here.
      expect(seen.length, label).toBe('clerkId' in f ? 146 : 220);
      expect(new Set(seen.map((i) => i.id)).size, label).toBe(seen.length);
      expect(
        seen.every((i) => i.customerAccount.includes('000424')),
        label,
      ).toBe(true);
      const sorted = [...seen].sort((a, b) =>
        a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt),
      );
      expect(
        seen.map((i) => i.id),
        label,
      ).toEqual(sorted.map((i) => i.id));
    }
    // A text too common for that (it is in over CUSTOMER_MERGE_MAX accounts) walks the newest-first index instead,
    // where its matches are dense.
    // The refunded filter reads the partial index of sales not purchased (new sales write nothing there).
    expect(
      s.terminal.saleQueries.explain({ limit: 50, before: null, status: 'refunded' }).join(' / '),
    ).toMatch(/USING INDEX sales_business_created/);
    const common = s.terminal.saleQueries.explain({ limit: 50, before: null, customer: '42' }).join(' / ');
    expect(common).not.toMatch(/TEMP B-TREE/);
    expect(common).toMatch(/USING (COVERING )?INDEX sales_created/);
    const commonPage = await call<SalePage>(s, 'sales.list', { customer: '42', limit: 50 });
    expect(commonPage.items).toHaveLength(50);
    expect(commonPage.items.every((i) => i.customerAccount.includes('42'))).toBe(true);
    // The bulk sales are from 2024: today's totals are unchanged.
    expect((await call<SalesTotals>(s, 'sales.totals')).today).toEqual(todayBefore);
  });
});

describe('settings', () => {
  it('answers defaults, updates as a manager only, validates and trims', async () => {
    await call(s, 'session.signIn', { clerkId: manager.id, pin: '123456' });
    expect(await call<TerminalSettings>(s, 'settings.get')).toEqual({
      shopName: null,
      shopAddress: null,
      receiptFooter: null,
      printerName: null,
      paperWidth: '80mm',
      autoPrint: false,
      onlineWaitMs: 3_000,
      autoLockMinutes: 5,
      language: 'en',
      locale: null,
    });
    const updated = await call<TerminalSettings>(s, 'settings.update', {
      shopName: '  Corner Shop  ',
      shopAddress: '',
      paperWidth: '58mm',
      autoPrint: true,
      onlineWaitMs: 1_200,
      autoLockMinutes: 15,
    });
    expect(updated).toEqual({
      shopName: 'Corner Shop',
      shopAddress: null,
      receiptFooter: null,
      printerName: null,
      paperWidth: '58mm',
      autoPrint: true,
      onlineWaitMs: 1_200,
      autoLockMinutes: 15,
      language: 'en',
      locale: null,
    });
    // The services read the same keys as before.
    const row = (key: string) =>
      (
        s.terminal.ledger.db.prepare('SELECT value FROM app_settings WHERE key = ?').get(key) as {
          value: string;
        }
      ).value;
    expect(row('sales.onlineWaitMs')).toBe('1200');
    expect(row('session.autoLockMinutes')).toBe('15');
    expect(await call(s, 'session.current')).toMatchObject({ autoLockMinutes: 15 });

    for (const bad of [
      { onlineWaitMs: 499 },
      { onlineWaitMs: 10_001 },
      { autoLockMinutes: 121 },
      { autoLockMinutes: -1 },
      { paperWidth: 'A4' },
      { shopName: 'x'.repeat(81) },
      { colour: 'red' },
    ]) {
      expect((await callError(s, 'settings.update', bad))?.code, JSON.stringify(bad)).toBe('invalid_input');
    }
    await call(s, 'session.signIn', { clerkId: clerk.id, pin: '5678' });
    expect((await callError(s, 'settings.update', { autoPrint: false }))?.code).toBe('forbidden');
    expect((await call<TerminalSettings>(s, 'settings.get')).shopName).toBe('Corner Shop');
    await call(s, 'session.signIn', { clerkId: manager.id, pin: '123456' });
    expect(
      await call<TerminalSettings>(s, 'settings.update', { shopName: null, autoLockMinutes: 5 }),
    ).toMatchObject({
      shopName: null,
      autoLockMinutes: 5,
    });
  });
});

describe('printers and customers while offline', () => {
  it('answers an empty printer list when the OS has no print system', async () => {
    expect(await call<PrinterListItem[]>(s, 'printers.list')).toEqual([]);
  });

  it('answers no_printer when printing with none configured', async () => {
    const out = await sell('+15550005555');
    expect((await callError(s, 'receipts.print', { saleId: out.sale!.id }))?.code).toBe('no_printer');
  });

  it('answers offline at once for a customer look-up while offline', async () => {
    const t = performance.now();
    const err = await callError(s, 'customers.lookup', { account: '+15550001000' });
    expect(err?.code).toBe('offline');
    expect(performance.now() - t).toBeLessThan(1_000); // not after the 1.5 s look-up timeout
    expect((await callError(s, 'customers.lookup', { account: 'abc' }))?.code).toBe('invalid_input');
    void ({} as CustomerInfo | null);
  });
});
