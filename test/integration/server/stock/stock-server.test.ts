/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand } from '../../../../core/sync/protocol';
import { uuidv7 } from '../../../../core/uuidv7';
import {
  readFeed,
  TEST_OPERATOR_KEY,
  anotherTerminal,
  createTenant,
  ledgerViolations,
  saleCommand,
  type TenantFixture,
  useTestServer,
} from '../api-harness';
import { serverBackends } from '../server-backends';

/** A `stock.sale` command as an honest terminal writes it (a sale.create's payload, from stock). */
function stockSale(
  t: TenantFixture,
  opts: { quantity?: number; offline?: boolean; account?: string } = {},
): OutboxCommand {
  const base = saleCommand(t, { quantity: opts.quantity ?? 1, account: opts.account ?? '+15550002222' });
  return { ...base, type: 'stock.sale', offline: opts.offline ?? false };
}

describe.each(serverBackends())('inventory stock ($name)', (backend) => {
  const env = useTestServer(backend);

  const balance = async (t: TenantFixture): Promise<number> =>
    (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance;
  const buy = (t: TenantFixture, body: Record<string, unknown>) =>
    env.api.call('POST', '/v1/terminal/stock/purchases', { token: t.token, body });
  const allocate = (t: TenantFixture, body: Record<string, unknown>) =>
    env.api.call('POST', '/v1/terminal/stock/allocations', { token: t.token, body });
  const push = async (t: TenantFixture, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const level = async (t: TenantFixture) =>
    (await env.api.call('GET', '/v1/terminal/stock', { token: t.token })).body.levels.find(
      (l: any) => l.packageId === t.pkg.id,
    );

  it('a purchase debits wholesale x quantity once, in one journal entry; a replay changes nothing', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const before = await balance(t);
    const purchaseId = uuidv7();
    const body = { purchaseId, packageId: t.pkg.id, quantity: 7 };
    const first = await buy(t, body);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      purchaseId,
      quantity: 7,
      wholesaleAmount: t.pkg.wholesalePrice * 7,
      resellerBalance: before - t.pkg.wholesalePrice * 7,
      level: {
        bought: 7,
        unallocated: 0,
        terminalId: t.terminal.terminalId,
        allocated: 7,
        released: 0,
        sold: 0,
      },
    });
    const again = await buy(t, body);
    expect(again.status).toBe(200);
    expect(again.body.wholesaleAmount).toBe(first.body.wholesaleAmount);
    expect(await balance(t)).toBe(before - t.pkg.wholesalePrice * 7);
    const entries = await env.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM journal_entries WHERE reseller_id = $1 AND kind = 'stock_purchase'`,
      [t.resellerId],
    );
    expect(entries[0]!.n).toBe(1);
    // The same id for another request changes nothing and says so.
    const reused = await buy(t, { ...body, quantity: 8 });
    expect(reused.status).toBe(409);
    expect(await balance(t)).toBe(before - t.pkg.wholesalePrice * 7);
    // The terminal learns its allocation and the balance from the change feed.
    const pulled = await readFeed(env.api, t.token);
    const stock = pulled.changes.filter((c: any) => c.kind === 'stock');
    expect(stock.at(-1)!.data).toMatchObject({ packageId: t.pkg.id, allocated: 7, sold: 0 });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('a purchase the credits cannot pay is refused and changes nothing', async () => {
    const t = await createTenant(env.api, { credits: 100 });
    const r = await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 1000 });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('insufficient_credits');
    expect(await balance(t)).toBe(100);
    expect(await level(t)).toBeUndefined();
  });

  it('stock sales are activated, move no credits, and a sale beyond the allocation is refused for a manager', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    expect((await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 3 })).status).toBe(200);
    const afterPurchase = await balance(t);
    const sales = [
      stockSale(t, { quantity: 2 }),
      stockSale(t, { offline: true }),
      stockSale(t, { offline: true }),
    ];
    const outcomes = await push(t, sales);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'rejected']);
    expect(outcomes[0]).toMatchObject({ result: { status: 'activated', remaining: 1 } });
    expect(outcomes[2]).toMatchObject({ reason: 'stock_exceeded' });
    expect(await balance(t)).toBe(afterPurchase);
    expect(await level(t)).toMatchObject({ allocated: 3, sold: 3 });
    const rows = await env.db.query<{ status: string; from_stock: boolean }>(
      'SELECT status, from_stock FROM sales WHERE reseller_id = $1 ORDER BY sale_number',
      [t.resellerId],
    );
    expect(rows).toEqual([
      { status: 'activated', from_stock: true },
      { status: 'activated', from_stock: true },
    ]);
    // The refusal waits for a manager on the operator's side.
    const attention = await env.api.call('GET', `/v1/operator/resellers/${t.resellerId}/attention`, {
      token: TEST_OPERATOR_KEY,
    });
    const items = attention.body.items ?? attention.body;
    expect(JSON.stringify(items)).toContain(sales[2]!.id);
    // A replayed push changes nothing: the same outcomes, no second sale.
    const replay = await push(t, sales);
    expect(replay.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await level(t)).toMatchObject({ sold: 3 });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);

    // Refusing a refund of a stock sale says why (support ticket with the package ID).
    const saleId = (sales[0]!.payload as { saleId: string }).saleId;
    const refund = await env.api.call('POST', `/v1/terminal/sales/${saleId}/refund`, {
      token: t.token,
      body: { refundId: uuidv7() },
    });
    expect(refund.status).toBe(400);
    expect(refund.body.code).toBe('refund_refused');
    expect(refund.body.details).toMatchObject({ condition: 'needs_support_ticket', packageId: t.pkg.id });
    expect(refund.body.message).toContain(t.pkg.id);
  });

  it('refuses a stock sale whose sale id an earlier sale already has, under a new sale number, selling nothing', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    expect((await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 3 })).status).toBe(200);
    const first = stockSale(t);
    expect(await push(t, [first])).toMatchObject([{ status: 'applied' }]);
    // Another command (its own id and sale number) reusing the first sale's id.
    const next = stockSale(t);
    const reused: OutboxCommand = {
      ...next,
      payload: { ...(next.payload as object), saleId: (first.payload as { saleId: string }).saleId },
    };
    expect(await push(t, [reused])).toMatchObject([
      { id: reused.id, status: 'rejected', reason: 'sale_already_exists' },
    ]);
    expect(await level(t)).toMatchObject({ allocated: 3, sold: 1 });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('concurrent stock sales from two terminals never exceed each one allocation', async () => {
    const a = await createTenant(env.api, { credits: 100_000 });
    const b = await anotherTerminal(env.api, a);
    expect((await buy(a, { purchaseId: uuidv7(), packageId: a.pkg.id, quantity: 5 })).status).toBe(200);
    expect(
      (await buy(a, { purchaseId: uuidv7(), packageId: a.pkg.id, quantity: 4, allocateTo: null })).status,
    ).toBe(200);
    const moved = await allocate(a, {
      allocationId: uuidv7(),
      packageId: a.pkg.id,
      terminalId: b.terminal.terminalId,
      quantity: 4,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.level).toMatchObject({ bought: 9, unallocated: 0, allocated: 4 });
    // Each terminal tries to sell 8 units, one per command, several pushes at once.
    const tries = (t: TenantFixture) =>
      Array.from({ length: 4 }, () =>
        push(t, [stockSale(t, { offline: true }), stockSale(t, { offline: true })]),
      );
    const results = (await Promise.all([...tries(a), ...tries(b)])).flat();
    const applied = results.filter((o) => o.status === 'applied').length;
    expect(applied).toBe(9);
    expect(
      results.filter((o) => o.status === 'rejected').every((o) => (o as any).reason === 'stock_exceeded'),
    ).toBe(true);
    expect(await level(a)).toMatchObject({ allocated: 5, sold: 5 });
    expect(await level(b)).toMatchObject({ allocated: 4, sold: 4 });
    // Allocating more than is unallocated is refused.
    const over = await allocate(a, {
      allocationId: uuidv7(),
      packageId: a.pkg.id,
      terminalId: b.terminal.terminalId,
      quantity: 1,
    });
    expect(over.status).toBe(400);
    expect(over.body.code).toBe('stock_unavailable');
  });

  it('only the terminal releases its unsold allocation, back to the unallocated stock', async () => {
    const a = await createTenant(env.api, { credits: 10_000 });
    const b = await anotherTerminal(env.api, a);
    expect((await buy(a, { purchaseId: uuidv7(), packageId: a.pkg.id, quantity: 4 })).status).toBe(200);
    const release = (quantity: number): OutboxCommand => ({
      id: uuidv7(),
      type: 'stock.release',
      payload: { packageId: a.pkg.id, quantity },
      createdAt: new Date().toISOString(),
      clerkId: null,
      offline: false,
    });
    const outcomes = await push(a, [stockSale(a, { quantity: 3 }), release(2), release(1)]);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(outcomes[1]).toMatchObject({ reason: 'stock_exceeded' });
    expect(await level(a)).toMatchObject({ unallocated: 1, allocated: 4, released: 1, sold: 3 });
    const moved = await allocate(a, {
      allocationId: uuidv7(),
      packageId: a.pkg.id,
      terminalId: b.terminal.terminalId,
      quantity: 1,
    });
    expect(moved.body.level).toMatchObject({ unallocated: 0, allocated: 1 });
    // Terminal b has none of a's allocation to release.
    expect((await push(b, [release(2)]))[0]).toMatchObject({ status: 'rejected', reason: 'stock_exceeded' });
  });
});
