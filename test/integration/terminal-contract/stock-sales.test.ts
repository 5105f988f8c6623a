import { describe, expect, it } from 'vitest';
import type { OutboxCommand } from '../../../core/sync/protocol';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { StockOverview } from '../../../core/contract/types/stock';
import { uuidv7 } from '../../../core/uuidv7';
import { call } from '../terminal/support/terminal-harness';
import { START, allocate, closeTillsAfterEach, localTill, outboxState, type LocalTill } from './support';

/**
 * Selling from stock, releasing allocation, buying stock and direct sales at a terminal whose central API does not
 * answer (enrolled and synced by a fake pull): refusals write nothing; queued commands settle when the server's
 * outcome is applied to the outbox, as a push's answer is.
 */

closeTillsAfterEach();

const account = '+15550001234';

/** The local state of the release queued as command `commandId`. */
function releaseState(t: LocalTill, commandId: string): string | undefined {
  const row = t.s.terminal.ledger.db
    .prepare('SELECT state FROM stock_releases WHERE command_id = ?')
    .get(commandId) as { state: string } | undefined;
  return row?.state;
}

/**
 * A direct sale over the offline per-sale limit, made while the last contact was online and left unanswered: it stands
 * in doubt with its void queued behind it.
 */
async function saleLeftInDoubt(): Promise<{
  t: LocalTill;
  saleId: string;
  create: OutboxCommand | undefined;
  voiding: OutboxCommand | undefined;
}> {
  const t = await localTill(10_000, { perSaleMax: 50, totalOfflineMax: 5_000, maxHoursSinceSync: 24 });
  t.s.terminal.ledger.recordContact(true, null);
  const saleId = uuidv7();
  await call(t.s, 'sales.create', { saleId, packageId: t.pkg.id, customerAccount: account, quantity: 1 });
  const [create, voiding] = t.s.terminal.ledger.peekOutbox(10).filter((c) => c.type.startsWith('sale.'));
  return { t, saleId, create, voiding };
}

function sellStock(t: LocalTill, over: Record<string, unknown> = {}): Promise<SaleCreateOutcome> {
  return call<SaleCreateOutcome>(t.s, 'stock.sell', {
    packageId: t.pkg.id,
    customerAccount: account,
    ...over,
  });
}

function levels(t: LocalTill): Promise<StockOverview> {
  return call<StockOverview>(t.s, 'stock.levels');
}

describe('selling from stock', () => {
  it('queues a sale offline from the allocation and answers a retry of it with the same sale', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 3);
    const saleId = uuidv7();
    const first = await sellStock(t, { saleId, quantity: 2 });
    expect(first).toMatchObject({ outcome: 'queued', sale: { id: saleId, fromStock: true, quantity: 2 } });
    expect(await sellStock(t, { saleId: saleId.toUpperCase(), quantity: 2 })).toEqual(first);
    expect((await levels(t)).items[0]).toMatchObject({ allocated: 3, sold: 2, left: 1, low: true });
  });

  it('refuses a retry id reused for another sale, and a sale larger than what is left, writing nothing', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 2);
    const saleId = uuidv7();
    const first = await sellStock(t, { saleId });
    const before = outboxState(t.s);
    for (const other of [{ quantity: 2 }, { customerAccount: '+15550009999' }, { packageId: uuidv7() }]) {
      await expect(sellStock(t, { saleId, ...other })).rejects.toMatchObject({
        code: 'sale_id_reused',
        details: { saleId, saleNumber: first.sale!.saleNumber },
      });
    }
    await expect(sellStock(t, { quantity: 2 })).rejects.toMatchObject({
      code: 'stock_short',
      details: { left: 1 },
    });
    expect(outboxState(t.s)).toEqual(before);
    expect((await levels(t)).items[0]).toMatchObject({ sold: 1, left: 1 });
  });

  it('answers a sale id only with a sale of the same kind: direct and stock sales never take each other as retries', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 2);
    const directSale = (saleId: string) =>
      call(t.s, 'sales.create', { saleId, packageId: t.pkg.id, customerAccount: account, quantity: 1 });
    // A stock sale retried with a direct sale's id.
    const directId = uuidv7();
    await directSale(directId);
    await expect(sellStock(t, { saleId: directId })).rejects.toMatchObject({ code: 'sale_id_reused' });
    expect((await levels(t)).items[0]).toMatchObject({ sold: 0, left: 2 });
    // A direct sale retried with a stock sale's id.
    const stockId = uuidv7();
    const first = await sellStock(t, { saleId: stockId });
    const before = outboxState(t.s);
    await expect(directSale(stockId)).rejects.toMatchObject({
      code: 'sale_id_reused',
      details: { saleId: stockId, saleNumber: first.sale!.saleNumber },
    });
    expect(outboxState(t.s)).toEqual(before);
    expect((await levels(t)).items[0]).toMatchObject({ sold: 1, left: 1 });
  });

  it('refuses a stock sale while the clock reads no valid date, writing nothing', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 2);
    const before = outboxState(t.s);
    for (const ms of [Number.NaN, Date.parse('1999-12-31T23:59:59.000Z')]) {
      t.setNow(ms);
      await expect(sellStock(t)).rejects.toMatchObject({ code: 'clock_wrong' });
    }
    expect(outboxState(t.s)).toEqual(before);
    t.setNow(START);
    expect((await levels(t)).items[0]).toMatchObject({ sold: 0, left: 2 });
    expect((await sellStock(t)).outcome).toBe('queued');
  });

  it('refuses to give stock back while the clock reads no date the protocol accepts, writing nothing', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 5);
    const before = outboxState(t.s);
    for (const ms of [Date.parse('1999-12-31T23:59:59.000Z'), Number.NaN]) {
      t.setNow(ms);
      await expect(call(t.s, 'stock.release', { packageId: t.pkg.id, quantity: 1 })).rejects.toMatchObject({
        code: 'clock_wrong',
      });
    }
    expect(outboxState(t.s)).toEqual(before);
    t.setNow(START);
    expect((await levels(t)).items[0]).toMatchObject({ released: 0, left: 5 });
  });

  it('refuses a package never stocked here, a blocked terminal and a clock ahead of the server, writing nothing', async () => {
    const t = await localTill();
    const before = outboxState(t.s);
    await expect(sellStock(t)).rejects.toMatchObject({ code: 'stock_short', details: { left: 0 } });
    allocate(t.s, t.pkg.id, 2);
    t.s.terminal.ledger.recordServerTime(new Date(START - 10 * 60_000).toISOString(), START);
    await expect(sellStock(t)).rejects.toMatchObject({
      code: 'clock_wrong',
      message: expect.stringContaining('10 min ahead'),
    });
    t.s.terminal.identity.setBlock('suspended', new Date(START).toISOString());
    await expect(sellStock(t)).rejects.toMatchObject({ code: 'terminal_blocked' });
    expect(outboxState(t.s)).toEqual(before);
    expect(t.s.terminal.saleQueries.list({ limit: 10, before: null }).items).toEqual([]);
  });

  it('confirms a stock sale the server applied, and answers a rejected one as rejected with the stock back', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 4);
    const kept = uuidv7();
    const refused = uuidv7();
    await sellStock(t, { saleId: kept });
    await sellStock(t, { saleId: refused });
    const commands = t.s.terminal.ledger.peekOutbox(10).filter((c) => c.type === 'stock.sale');
    const byId = (id: string) => commands.find((c) => (c.payload as { saleId: string }).saleId === id)!;
    t.s.terminal.ledger.applyOutcomes([
      { id: byId(kept).id, status: 'applied', result: null },
      { id: byId(refused).id, status: 'rejected', reason: 'stock_exceeded', message: 'No stock left there.' },
    ]);
    expect(await sellStock(t, { saleId: kept })).toMatchObject({ outcome: 'confirmed', sale: { id: kept } });
    expect(await sellStock(t, { saleId: refused })).toMatchObject({
      outcome: 'rejected',
      reason: 'stock_exceeded',
      message: 'No stock left there.',
    });
    expect((await levels(t)).items[0]).toMatchObject({ sold: 1, left: 3 });
  });

  it('online with no answer in time, keeps the stock sale queued', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 2);
    t.s.terminal.ledger.recordContact(true, null);
    const outcome = await sellStock(t);
    expect(outcome).toMatchObject({ outcome: 'queued', sale: { status: 'queued', fromStock: true } });
    expect(t.s.terminal.saleStore.get(outcome.sale!.id)?.status).toBe('queued');
  });
});

describe('stock levels, releases and purchases', () => {
  it('sets the low-stock threshold for a manager, and turns the warning off at 0', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 3);
    expect(await levels(t)).toMatchObject({ lowThreshold: 5, items: [{ left: 3, low: true }] });
    expect(await call<StockOverview>(t.s, 'stock.setLowThreshold', { threshold: 0 })).toMatchObject({
      lowThreshold: 0,
      items: [{ left: 3, low: false }],
    });
    expect((await levels(t)).lowThreshold).toBe(0);
  });

  it('releases allocation offline, refuses more than is left, and settles the release with its answer', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 3);
    const released = await call<StockOverview>(t.s, 'stock.release', {
      packageId: t.pkg.id.toUpperCase(),
      quantity: 2,
    });
    expect(released.items[0]).toMatchObject({ released: 2, left: 1 });
    const before = outboxState(t.s);
    await expect(call(t.s, 'stock.release', { packageId: t.pkg.id, quantity: 2 })).rejects.toMatchObject({
      code: 'stock_short',
      details: { left: 1 },
    });
    await expect(call(t.s, 'stock.release', { packageId: uuidv7(), quantity: 1 })).rejects.toMatchObject({
      code: 'stock_short',
      details: { left: 0 },
    });
    expect(outboxState(t.s)).toEqual(before);
    const [release] = t.s.terminal.ledger.peekOutbox(10).filter((c) => c.type === 'stock.release');
    expect(release).toMatchObject({ offline: true, payload: { packageId: t.pkg.id, quantity: 2 } });
    t.s.terminal.ledger.applyOutcomes([{ id: release!.id, status: 'applied', result: null }]);
    expect(releaseState(t, release!.id)).toBe('applied');
  });

  it('records a refused release as rejected', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 3);
    t.s.terminal.ledger.recordContact(true, null);
    await call(t.s, 'stock.release', { packageId: t.pkg.id, quantity: 1 });
    const [release] = t.s.terminal.ledger.peekOutbox(10).filter((c) => c.type === 'stock.release');
    expect(release?.offline).toBe(false);
    t.s.terminal.ledger.applyOutcomes([
      { id: release!.id, status: 'rejected', reason: 'stock_exceeded', message: 'nothing to release' },
    ]);
    expect(releaseState(t, release!.id)).toBe('rejected');
  });

  it('says buying and allocating stock need the central API when it does not answer, and changes nothing', async () => {
    const t = await localTill();
    allocate(t.s, t.pkg.id, 1);
    const before = await levels(t);
    const outbox = outboxState(t.s);
    await expect(
      call(t.s, 'stock.purchase', { packageId: t.pkg.id, quantity: 2, purchaseId: uuidv7() }),
    ).rejects.toMatchObject({ code: 'offline', message: expect.stringContaining('needs the central API') });
    await expect(
      call(t.s, 'stock.allocate', {
        packageId: t.pkg.id,
        terminalId: t.s.terminal.identity.require().terminalId,
        quantity: 1,
        allocationId: uuidv7(),
      }),
    ).rejects.toMatchObject({ code: 'offline' });
    expect(await levels(t)).toEqual(before);
    expect(outboxState(t.s)).toEqual(outbox);
  });
});

describe('direct sales when the online answer does not come in time', () => {
  it('honours the sale under the offline rules and marks it queued', async () => {
    const t = await localTill();
    t.s.terminal.ledger.recordContact(true, null);
    const outcome = await call<SaleCreateOutcome>(t.s, 'sales.create', {
      packageId: t.pkg.id,
      customerAccount: account,
      quantity: 1,
    });
    expect(outcome).toMatchObject({ outcome: 'queued', sale: { status: 'queued' } });
    const sale = t.s.terminal.ledger.peekOutbox(10).find((c) => c.type === 'sale.create')!;
    expect(sale.offline).toBe(true);
    expect(sale.offlineClaim).toBeDefined();
  });

  it('refuses a sale the offline rules refuse, keeps it in doubt and queues its void behind it', async () => {
    const t = await localTill(10_000, { perSaleMax: 50, totalOfflineMax: 5_000, maxHoursSinceSync: 24 });
    t.s.terminal.ledger.recordContact(true, null);
    const saleId = uuidv7();
    const input = { saleId, packageId: t.pkg.id, customerAccount: account, quantity: 1 };
    const outcome = await call<SaleCreateOutcome>(t.s, 'sales.create', input);
    expect(outcome).toMatchObject({
      outcome: 'refused',
      reason: 'offline_per_sale_limit',
      sale: { id: saleId, status: 'in_doubt' },
    });
    const types = t.s.terminal.ledger.peekOutbox(10).map((c) => c.type);
    expect(types.slice(-2)).toEqual(['sale.create', 'sale.void']);
    // A retry of the same attempt answers the same refusal and queues nothing more.
    const again = await call<SaleCreateOutcome>(t.s, 'sales.create', input);
    expect(again).toMatchObject({ outcome: 'refused', reason: 'offline_per_sale_limit' });
    expect(t.s.terminal.ledger.peekOutbox(10).map((c) => c.type)).toEqual(types);
  });

  it('books the reversal when the server voids the sale it applied', async () => {
    const { t, saleId, create, voiding } = await saleLeftInDoubt();
    t.s.terminal.ledger.applyOutcomes([
      { id: create!.id, status: 'applied', result: null },
      { id: voiding!.id, status: 'applied', result: { saleId, voided: true } },
    ]);
    expect(t.s.terminal.saleStore.get(saleId)).toMatchObject({
      status: 'reversed',
      reason: 'refused_at_counter',
    });
    expect(
      await call<SaleCreateOutcome>(t.s, 'sales.create', {
        saleId,
        packageId: t.pkg.id,
        customerAccount: account,
        quantity: 1,
      }),
    ).toMatchObject({ outcome: 'rejected', reason: 'refused_at_counter' });
    expect(t.s.terminal.ledger.balanceView().pendingCount).toBe(0);
  });

  it('reverses an in-doubt sale the server never applied once its void is answered', async () => {
    const t = await localTill(10_000, { perSaleMax: 50, totalOfflineMax: 5_000, maxHoursSinceSync: 24 });
    t.s.terminal.ledger.recordContact(true, null);
    const saleId = uuidv7();
    await call(t.s, 'sales.create', { saleId, packageId: t.pkg.id, customerAccount: account, quantity: 1 });
    const [, voiding] = t.s.terminal.ledger.peekOutbox(10).filter((c) => c.type.startsWith('sale.'));
    // The void is answered first here: the server never saw the sale, so nothing was voided.
    t.s.terminal.ledger.applyOutcomes([
      { id: voiding!.id, status: 'applied', result: { saleId, voided: false } },
    ]);
    expect(t.s.terminal.saleStore.get(saleId)).toMatchObject({
      status: 'reversed',
      reason: 'refused_at_counter',
    });
  });

  it('keeps a sale standing when the server refuses its void (the credit was used)', async () => {
    const { t, saleId, create, voiding } = await saleLeftInDoubt();
    t.s.terminal.ledger.applyOutcomes([
      { id: create!.id, status: 'applied', result: null },
      { id: voiding!.id, status: 'rejected', reason: 'sale_used', message: 'already used' },
    ]);
    expect(t.s.terminal.saleStore.get(saleId)?.status).toBe('confirmed_after_refusal');
    expect(t.s.terminal.ledger.balanceView().pendingCount).toBe(0);
  });

  it('answers a retry of a sale the server rejected with its rejection', async () => {
    const t = await localTill();
    const saleId = uuidv7();
    const input = { saleId, packageId: t.pkg.id, customerAccount: account, quantity: 1 };
    await call(t.s, 'sales.create', input);
    const create = t.s.terminal.ledger.peekOutbox(10).find((c) => c.type === 'sale.create')!;
    t.s.terminal.ledger.applyOutcomes([
      { id: create.id, status: 'rejected', reason: 'insufficient_credits', message: 'No credits left.' },
    ]);
    expect(await call<SaleCreateOutcome>(t.s, 'sales.create', input)).toMatchObject({
      outcome: 'rejected',
      reason: 'insufficient_credits',
      message: 'No credits left.',
    });
    t.s.terminal.ledger.applyOutcomes([]);
    expect(t.s.terminal.sales.get(saleId)?.status).toBe('reversed');
  });

  it('answers a retry of a confirmed sale as confirmed', async () => {
    const t = await localTill();
    const saleId = uuidv7();
    const input = { saleId, packageId: t.pkg.id, customerAccount: account, quantity: 1 };
    await call(t.s, 'sales.create', input);
    const create = t.s.terminal.ledger.peekOutbox(10).find((c) => c.type === 'sale.create')!;
    t.s.terminal.ledger.applyOutcomes([{ id: create.id, status: 'applied', result: null }]);
    expect(await call<SaleCreateOutcome>(t.s, 'sales.create', input)).toMatchObject({
      outcome: 'confirmed',
      sale: { id: saleId },
    });
  });
});
