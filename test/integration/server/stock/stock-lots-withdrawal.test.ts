/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand, type Package } from '../../../../core/sync/protocol';
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

/** A `stock.sale` command as a terminal writes it, at the package version it names. */
function stockSale(
  t: TenantFixture,
  pkg: Package,
  opts: { quantity?: number; offline?: boolean } = {},
): OutboxCommand {
  const base = saleCommand(t, { pkg, quantity: opts.quantity ?? 1, account: '+15550004444' });
  return { ...base, type: 'stock.sale', offline: opts.offline ?? false };
}

/** A `stock.release` command of a terminal. */
function release(packageId: string, quantity: number): OutboxCommand {
  return {
    id: uuidv7(),
    type: 'stock.release',
    payload: { packageId, quantity },
    createdAt: new Date().toISOString(),
    clerkId: null,
    offline: false,
  };
}

describe.each(serverBackends())('inventory stock lots, revocation and withdrawal ($name)', (backend) => {
  const env = useTestServer(backend);
  const op = TEST_OPERATOR_KEY;

  const balance = async (t: TenantFixture): Promise<number> =>
    (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance;
  const buy = (t: TenantFixture, body: Record<string, unknown>) =>
    env.api.call('POST', '/v1/terminal/stock/purchases', { token: t.token, body });
  const push = async (t: TenantFixture, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const level = async (t: TenantFixture) =>
    (await env.api.call('GET', '/v1/terminal/stock', { token: t.token })).body.levels.find(
      (l: any) => l.packageId === t.pkg.id,
    );
  const patchPackage = async (id: string, body: Record<string, unknown>): Promise<Package> => {
    const r = await env.api.call('PATCH', `/v1/operator/packages/${id}`, { token: op, body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as Package;
  };
  const saleOf = async (t: TenantFixture, saleId: string) => {
    const [row] = await env.db.query<{ grant: string; wholesale: string }>(
      `SELECT g.amount::text AS grant, s.wholesale_amount::text AS wholesale
         FROM sales s JOIN grants g ON g.reseller_id = s.reseller_id AND g.id = s.grant_id
        WHERE s.reseller_id = $1 AND s.id = $2`,
      [t.resellerId, saleId],
    );
    return { grant: Number(row!.grant), wholesale: Number(row!.wholesale) };
  };

  it('sells the lots bought first in, first out, at their face value and wholesale, whatever version is named', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    expect((await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 1 })).status).toBe(200);
    const v2 = await patchPackage(t.pkg.id, { faceValue: 2000, wholesalePrice: 1900, retailPrice: 2000 });
    expect((await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 2 })).status).toBe(200);
    // Two units in one sale: the v1 unit (1000 / 950) and one v2 unit (2000 / 1900).
    const two = stockSale(t, v2, { quantity: 2 });
    const [a] = await push(t, [two]);
    expect(a!.status, JSON.stringify(a)).toBe('applied');
    expect(await saleOf(t, (two.payload as any).saleId)).toEqual({ grant: 3000, wholesale: 2850 });
    // Offline, a terminal that still shows v1 sells the last unit: priced from the v2 lot it takes.
    const last = stockSale(t, t.pkg, { offline: true });
    const [b] = await push(t, [last]);
    expect(b!.status, JSON.stringify(b)).toBe('applied');
    expect(await saleOf(t, (last.payload as any).saleId)).toEqual({ grant: 2000, wholesale: 1900 });
    const [c] = await push(t, [stockSale(t, v2)]);
    expect(c).toMatchObject({ status: 'rejected', reason: 'stock_exceeded' });
    const lots = await env.db.query<{ v: number; bought: string; consumed: string }>(
      `SELECT package_version AS v, bought::text, consumed::text FROM stock_lots
        WHERE reseller_id = $1 ORDER BY package_version`,
      [t.resellerId],
    );
    expect(lots.map((l) => [Number(l.v), Number(l.bought), Number(l.consumed)])).toEqual([
      [t.pkg.version, 1, 1],
      [v2.version, 2, 2],
    ]);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('a purchase answers the balance with the seq of its balance change on the feed', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const purchaseId = uuidv7();
    const r = await buy(t, { purchaseId, packageId: t.pkg.id, quantity: 2 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.balance).toMatchObject({ currency: 'USD', balance: 10_000 - 1900 });
    const pulled = await readFeed(env.api, t.token);
    const change = pulled.changes.find((c: any) => c.seq === r.body.balance.seq);
    expect(change).toMatchObject({ kind: 'balance', data: { balance: 10_000 - 1900 } });
    // A replay answers today's balance at the feed's end: nothing newer moved the credits, though the feed may have
    // moved on (the catalog is global: on a shared database other files' packages land in this feed too).
    const again = await buy(t, { purchaseId, packageId: t.pkg.id, quantity: 2 });
    const end = (await readFeed(env.api, t.token)).cursor;
    expect(again.body.balance).toEqual({ ...r.body.balance, seq: expect.any(String) });
    expect(Number(again.body.balance.seq)).toBeGreaterThanOrEqual(Number(pulled.cursor));
    expect(Number(again.body.balance.seq)).toBeLessThanOrEqual(Number(end));
  });

  it('revoking a terminal returns its unsold allocation to the shop, on the change feed', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const b = await anotherTerminal(env.api, t);
    const bought = await buy(t, {
      purchaseId: uuidv7(),
      packageId: t.pkg.id,
      quantity: 5,
      allocateTo: b.terminal.terminalId,
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(200);
    const [sold] = await push(b, [stockSale(b, t.pkg, { quantity: 2 })]);
    expect(sold!.status).toBe('applied');
    const { cursor } = await readFeed(env.api, t.token);
    const revoked = await env.api.call('POST', `/v1/operator/terminals/${b.terminal.terminalId}/revoke`, {
      token: op,
    });
    expect(revoked.status).toBe(200);
    expect(await level(t)).toMatchObject({ bought: 5, unallocated: 3 });
    const after = await env.api.call('GET', `/v1/terminal/sync/pull?cursor=${cursor}&limit=500`, {
      token: t.token,
    });
    expect(after.body.changes.filter((c: any) => c.kind === 'stock').map((c: any) => c.data)).toContainEqual(
      // The feed is the shop's: every terminal takes the pool totals from any terminal's stock change.
      expect.objectContaining({ terminalId: b.terminal.terminalId, unallocated: 3, released: 3, sold: 2 }),
    );
    // Revoking again moves nothing; the 3 can go to another terminal.
    expect(
      (await env.api.call('POST', `/v1/operator/terminals/${b.terminal.terminalId}/revoke`, { token: op }))
        .status,
    ).toBe(200);
    const moved = await env.api.call('POST', '/v1/terminal/stock/allocations', {
      token: t.token,
      body: { allocationId: uuidv7(), packageId: t.pkg.id, terminalId: t.terminal.terminalId, quantity: 3 },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('deactivation credits back unallocated stock; allocated stock still sells (offline too) and a give-back is credited', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    expect((await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 2 })).status).toBe(200);
    expect(
      (await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 3, allocateTo: null })).status,
    ).toBe(200);
    expect(await balance(t)).toBe(10_000 - 5 * 950);
    const off = await patchPackage(t.pkg.id, { active: false });
    // The 3 nobody holds come back at 950 each, in one entry; the 2 this terminal holds stay its own.
    expect(await balance(t)).toBe(10_000 - 2 * 950);
    const entries = await env.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM journal_entries WHERE reseller_id = $1 AND kind = 'stock_credit_back'`,
      [t.resellerId],
    );
    expect(entries[0]!.n).toBe(1);
    expect(await level(t)).toMatchObject({ bought: 5, unallocated: 0, allocated: 2, sold: 0 });
    // A sale the terminal made offline before it heard (at the old version) and one at the inactive version.
    const [s1, s2] = await push(t, [stockSale(t, t.pkg, { offline: true }), stockSale(t, off)]);
    expect(s1!.status, JSON.stringify(s1)).toBe('applied');
    expect(s2!.status, JSON.stringify(s2)).toBe('applied');
    expect(await saleOf(t, (s1 as any).result.saleId)).toEqual({ grant: 1000, wholesale: 950 });
    // Nothing is left to sell or give back.
    const [s3, r] = await push(t, [stockSale(t, off), release(t.pkg.id, 1)]);
    expect(s3).toMatchObject({ status: 'rejected', reason: 'stock_exceeded' });
    expect(r).toMatchObject({ status: 'rejected', reason: 'stock_exceeded' });
    expect(await level(t)).toMatchObject({ unallocated: 0, allocated: 2, sold: 2 });
    expect(await balance(t)).toBe(10_000 - 2 * 950);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('a give-back of a deactivated package is credited back at the price of the lot', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    expect((await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 2 })).status).toBe(200);
    await patchPackage(t.pkg.id, { active: false });
    expect(await balance(t)).toBe(10_000 - 2 * 950);
    const [r] = await push(t, [release(t.pkg.id, 2)]);
    expect(r!.status, JSON.stringify(r)).toBe('applied');
    expect(await balance(t)).toBe(10_000);
    expect(await level(t)).toMatchObject({ bought: 2, unallocated: 0, allocated: 2, released: 2 });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });
});
