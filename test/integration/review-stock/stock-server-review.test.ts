/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand, type Package } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import {
  TEST_OPERATOR_KEY,
  anotherTerminal,
  createTenant,
  saleCommand,
  type TenantFixture,
  useTestServer,
} from '../server/api-harness';
import { serverBackends } from '../server/server-backends';

/** A `stock.sale` command as a terminal writes it (a sale.create's payload, from stock). */
function stockSale(t: TenantFixture, pkg: Package, opts: { offline?: boolean } = {}): OutboxCommand {
  const base = saleCommand(t, { pkg, quantity: 1, account: '+15550009999' });
  return { ...base, type: 'stock.sale', offline: opts.offline ?? false };
}

describe.each(serverBackends())('review: inventory stock on the server ($name)', (backend) => {
  const env = useTestServer(backend);
  const op = TEST_OPERATOR_KEY;

  const buy = (t: TenantFixture, body: Record<string, unknown>) =>
    env.api.call('POST', '/v1/terminal/stock/purchases', { token: t.token, body });
  const allocate = (t: TenantFixture, body: Record<string, unknown>) =>
    env.api.call('POST', '/v1/terminal/stock/allocations', { token: t.token, body });
  const push = async (t: TenantFixture, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const patchPackage = async (id: string, body: Record<string, unknown>): Promise<Package> => {
    const r = await env.api.call('PATCH', `/v1/operator/packages/${id}`, { token: op, body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as Package;
  };
  const grantOfSale = async (t: TenantFixture, saleId: string): Promise<number> => {
    const [row] = await env.db.query<{ amount: string }>(
      `SELECT g.amount::text AS amount FROM sales s JOIN grants g ON g.reseller_id = s.reseller_id AND g.id = s.grant_id
        WHERE s.reseller_id = $1 AND s.id = $2`,
      [t.resellerId, saleId],
    );
    return Number(row!.amount);
  };

  it('F1a: a unit bought at face 1000 is sold from stock as whatever face value the catalog says today', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    // Bought at version 1: face 1000, wholesale 950 per unit.
    const bought = await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 1 });
    expect(bought.status, JSON.stringify(bought.body)).toBe(200);
    expect(bought.body.wholesaleAmount).toBe(950);
    // The operator publishes version 2: face 9000 (and a higher wholesale the reseller never paid).
    const v2 = await patchPackage(t.pkg.id, { faceValue: 9000, wholesalePrice: 8500, retailPrice: 9000 });
    expect(v2.version).toBe(t.pkg.version + 1);
    // An honest terminal that pulled the new catalog sells its unit at the version it knows.
    const sale = stockSale(t, v2);
    const [outcome] = await push(t, [sale]);
    expect(outcome!.status, JSON.stringify(outcome)).toBe('applied');
    // The customer's grant should be what was bought (1000), not 9000 created out of a 950 purchase.
    expect(await grantOfSale(t, (sale.payload as any).saleId)).toBe(1000);
  });

  it('F1b: an online stock sale at a superseded version (higher face) is applied; sale.create refuses it', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const v1 = t.pkg; // face 1000
    // The operator lowers the face value; the reseller buys at the new, current version.
    const v2 = await patchPackage(t.pkg.id, { faceValue: 100, wholesalePrice: 90, retailPrice: 100 });
    const bought = await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 1 });
    expect(bought.status).toBe(200);
    expect(bought.body.wholesaleAmount).toBe(90);
    expect(v2.version).toBe(v1.version + 1);
    // A sale.create at version 1 online is refused (catalog_changed): no honest terminal sends it...
    const [credit] = await push(t, [saleCommand(t, { pkg: v1 })]);
    expect(credit!.status).toBe('rejected');
    // ...but the same sale from stock is applied with the old face value: 1000 of grant for 90 of credits.
    const sale = stockSale(t, v1);
    const [outcome] = await push(t, [sale]);
    expect(outcome!.status, 'a stock sale at a superseded version is refused like a sale.create').toBe(
      'rejected',
    );
  });

  it('F2: stock can be allocated to a revoked terminal, where nobody can ever sell or give it back', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const b = await anotherTerminal(env.api, t);
    const revoked = await env.api.call('POST', `/v1/operator/terminals/${b.terminal.terminalId}/revoke`, {
      token: op,
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    // The revoked terminal can no longer push anything (so it can never sell or release).
    const r = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: b.token,
      body: { commands: [saleCommand(b)] },
    });
    expect(r.status).toBe(401);
    // Buying straight into the revoked terminal is accepted: the credits are debited for stock no one can use.
    const direct = await buy(t, {
      purchaseId: uuidv7(),
      packageId: t.pkg.id,
      quantity: 2,
      allocateTo: b.terminal.terminalId,
    });
    const bought = await buy(t, { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 3, allocateTo: null });
    expect(bought.status).toBe(200);
    const moved = await allocate(t, {
      allocationId: uuidv7(),
      packageId: t.pkg.id,
      terminalId: b.terminal.terminalId,
      quantity: 3,
    });
    expect({ purchase: direct.status, allocation: moved.status }).toEqual({ purchase: 404, allocation: 404 });
  });
});
