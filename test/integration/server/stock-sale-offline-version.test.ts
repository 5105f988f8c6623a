import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand, type Package } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import {
  TEST_OPERATOR_KEY,
  createTenant,
  saleCommand,
  type TenantFixture,
  useTestServer,
} from './api-harness';
import { serverBackends } from './server-backends';

/**
 * The offline promise for stock: a sale the counter honoured offline at any published version of the package is
 * applied (priced from the lots it takes), even a version the shop never bought and the catalog has since replaced.
 * Online, the same sale is refused `catalog_changed` so the clerk sells it again at today's version.
 */
describe.each(serverBackends())('stock sales at a replaced version ($name)', (backend) => {
  const env = useTestServer(backend);

  const stockSale = (t: TenantFixture, pkg: Package, offline: boolean): OutboxCommand => ({
    ...saleCommand(t, { pkg, account: '+15550006666' }),
    type: 'stock.sale',
    offline,
  });
  const push = async (t: TenantFixture, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };

  it('applies the offline one and refuses the online one', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    // Version 2 replaces the version the terminal knows; the shop's only stock is bought at version 2.
    const patched = await env.api.call('PATCH', `/v1/operator/packages/${t.pkg.id}`, {
      token: TEST_OPERATOR_KEY,
      body: { wholesalePrice: 900 },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((patched.body as Package).version).toBe(t.pkg.version + 1);
    const bought = await env.api.call('POST', '/v1/terminal/stock/purchases', {
      token: t.token,
      body: { purchaseId: uuidv7(), packageId: t.pkg.id, quantity: 2 },
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(200);

    const [online] = await push(t, [stockSale(t, t.pkg, false)]);
    expect(online).toMatchObject({ status: 'rejected', reason: 'catalog_changed' });
    const [offline] = await push(t, [stockSale(t, t.pkg, true)]);
    expect(offline).toMatchObject({ status: 'applied', result: { status: 'activated', remaining: 1 } });
  });
});
