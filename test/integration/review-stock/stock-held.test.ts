/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import {
  TEST_OPERATOR_KEY,
  anotherTerminal,
  createTenant,
  ledgerViolations,
  saleCommand,
  type TenantFixture,
  useTestServer,
} from '../server/api-harness';
import { serverBackends } from '../server/server-backends';

/** What held under attack (these pass on the current code; they document the attempts). */
describe.each(serverBackends())('review: inventory stock attacks that held ($name)', (backend) => {
  const env = useTestServer(backend);
  const op = TEST_OPERATOR_KEY;

  const stockSale = (t: TenantFixture, quantity = 1, account = '+15550004444'): OutboxCommand => ({
    ...saleCommand(t, { quantity, account }),
    type: 'stock.sale',
    offline: true,
  });
  const release = (quantity: number, packageId: string): OutboxCommand => ({
    id: uuidv7(),
    type: 'stock.release',
    payload: { packageId, quantity },
    createdAt: new Date().toISOString(),
    clerkId: null,
    offline: true,
  });
  const buy = (t: TenantFixture, body: Record<string, unknown>) =>
    env.api.call('POST', '/v1/terminal/stock/purchases', { token: t.token, body });
  const allocate = (t: TenantFixture, body: Record<string, unknown>) =>
    env.api.call('POST', '/v1/terminal/stock/allocations', { token: t.token, body });
  const push = async (t: TenantFixture, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const balance = async (t: TenantFixture): Promise<number> =>
    (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance;
  const customerToken = async (t: TenantFixture, account: string): Promise<string> => {
    const r = await env.api.call('POST', `/v1/operator/customers/${encodeURIComponent(account)}/token`, {
      token: op,
      body: { resellerId: t.resellerId },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.token;
  };

  it('another reseller cannot buy into, allocate to, sell or release from a terminal it does not own', async () => {
    const a = await createTenant(env.api, { credits: 10_000 });
    const b = await createTenant(env.api, { credits: 10_000 });
    expect(
      (await buy(a, { purchaseId: uuidv7(), packageId: a.pkg.id, quantity: 3, allocateTo: null })).status,
    ).toBe(200);
    const intoA = await buy(b, {
      purchaseId: uuidv7(),
      packageId: b.pkg.id,
      quantity: 1,
      allocateTo: a.terminal.terminalId,
    });
    expect(intoA.status).toBe(404);
    const moved = await allocate(b, {
      allocationId: uuidv7(),
      packageId: a.pkg.id,
      terminalId: b.terminal.terminalId,
      quantity: 1,
    });
    expect(moved.status).toBe(400);
    expect(moved.body.code).toBe('stock_unavailable');
    const crossAllocate = await allocate(b, {
      allocationId: uuidv7(),
      packageId: a.pkg.id,
      terminalId: a.terminal.terminalId,
      quantity: 1,
    });
    expect(crossAllocate.status).toBe(404);
    // B sells and releases A's package: B holds none of it.
    const outcomes = await push(b, [stockSale({ ...b, pkg: a.pkg }), release(1, a.pkg.id)]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.status))).toEqual([
      'stock_exceeded',
      'stock_exceeded',
    ]);
    const listed = await env.api.call('GET', '/v1/terminal/stock', { token: b.token });
    expect(listed.body.levels.map((l: any) => l.packageId)).not.toContain(a.pkg.id);
    expect(await balance(b)).toBe(10_000);
  });

  it('more than is unallocated cannot be allocated; two allocations racing for the last units give them once', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const t2 = await anotherTerminal(env.api, t);
    expect(
      (await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 2, allocateTo: null })).status,
    ).toBe(200);
    const [x, y] = await Promise.all(
      [t.terminal.terminalId, t2.terminal.terminalId].map((terminalId) =>
        allocate(t, { allocationId: uuidv7(), packageId: t.pkg.id, terminalId, quantity: 2 }),
      ),
    );
    expect([x!.status, y!.status].sort()).toEqual([200, 400]);
  });

  it('replays, reordering and a release racing sales in one push never sell past the allocation; a refusal blocks nothing', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    expect((await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 3 })).status).toBe(200);
    const s1 = stockSale(t, 2);
    const r1 = release(1, t.pkg.id);
    const s2 = stockSale(t, 1);
    const credit = saleCommand(t);
    // Release first, then sales: the last sale is refused, and the credit sale behind it still applies.
    const outcomes = await push(t, [r1, s1, s1, s2, credit]);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'duplicate', 'rejected', 'applied']);
    // A second push replaying everything changes nothing.
    const again = await push(t, [s2, r1, s1]);
    expect(again.every((o) => o.status === 'duplicate')).toBe(true);
    const [alloc] = await env.db.query<{ allocated: string; released: string; sold: string }>(
      'SELECT allocated::text, released::text, sold::text FROM stock_allocations WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(alloc).toEqual({ allocated: '3', released: '1', sold: '2' });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('purchases racing for the last credits debit once each at most; a replay with another package is refused', async () => {
    const t = await createTenant(env.api, { credits: 950 * 3 });
    const answers = await Promise.all(
      [0, 1, 2, 3].map(() => buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 1 })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(await balance(t)).toBe(0);
    const id = uuidv7();
    await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/credits`, {
      token: op,
      body: { amount: 950 },
    });
    expect((await buy(t, { purchaseId: id, packageId: t.pkg.id, quantity: 1 })).status).toBe(200);
    expect((await buy(t, { purchaseId: id, packageId: t.bundle.id, quantity: 1 })).status).toBe(409);
    expect((await buy(t, { purchaseId: id, packageId: t.pkg.id, quantity: -1 })).status).toBe(400);
    expect((await buy(t, { purchaseId: id, packageId: t.pkg.id, quantity: 1e15 })).status).toBe(400);
    expect(await balance(t)).toBe(0);
  });

  it('a stock sale cannot be refunded or voided; spends racing over one grant spend it once; a used grant is not refunded', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    expect((await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 1 })).status).toBe(200);
    const s = stockSale(t, 1, '+15550005555');
    expect((await push(t, [s]))[0]!.status).toBe('applied');
    const saleId = (s.payload as any).saleId as string;
    const refund = await env.api.call('POST', `/v1/terminal/sales/${saleId}/refund`, {
      token: t.token,
      body: { refundId: uuidv7() },
    });
    expect(refund.status).toBe(400);
    const voided = await push(t, [
      {
        id: uuidv7(),
        type: 'sale.void',
        payload: { saleId, reason: 'refused_at_counter' },
        createdAt: new Date().toISOString(),
        clerkId: null,
        offline: false,
      },
    ]);
    expect(voided[0]!.status).toBe('rejected');
    // A credit sale to the same customer, then spends racing for more than the wallet holds.
    const credit = saleCommand(t, { account: '+15550005555' });
    expect((await push(t, [credit]))[0]!.status).toBe('applied');
    const token = await customerToken(t, '+15550005555');
    const spend = (amount: number, spendId = uuidv7()) =>
      env.api.call('POST', '/v1/customer/spend', { token, body: { spendId, amount } });
    const answers = await Promise.all([spend(1500), spend(1500)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    // The same account number at another shop is another customer: no token, no wallet to spend from.
    const other = await createTenant(env.api, { credits: 10_000 });
    const foreign = await env.api.call('POST', '/v1/operator/customers/%2B15550005555/token', {
      token: op,
      body: { resellerId: other.resellerId },
    });
    expect(foreign.status).toBe(404);
    const refundUsed = await env.api.call(
      'POST',
      `/v1/terminal/sales/${(credit.payload as any).saleId}/refund`,
      {
        token: t.token,
        body: { refundId: uuidv7() },
      },
    );
    expect(refundUsed.status).toBe(400);
    expect(await ledgerViolations(env.db, [t.resellerId, other.resellerId])).toEqual([]);
  });
});
