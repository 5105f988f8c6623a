import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import { createTenant, saleCommand, type TenantFixture, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

/**
 * Stock commands no honest terminal sends are refused `stock_exceeded` for a manager, with a message saying how much
 * was asked for and how much there was.
 */
describe.each(serverBackends())('stock refusal messages ($name)', (backend) => {
  const env = useTestServer(backend);

  const push = async (t: TenantFixture, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const buy = async (t: TenantFixture, quantity: number) => {
    const r = await env.api.call('POST', '/v1/terminal/stock/purchases', {
      token: t.token,
      body: { purchaseId: uuidv7(), packageId: t.pkg.id, quantity },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it('a sale beyond the stock the shop holds says how many were sold and how many it holds', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    await buy(t, 2);
    const sale: OutboxCommand = { ...saleCommand(t, { quantity: 3 }), type: 'stock.sale' };
    expect(await push(t, [sale])).toEqual([
      {
        id: sale.id,
        status: 'rejected',
        reason: 'stock_exceeded',
        message: `sells 3 x ${t.pkg.code} from stock; the shop's stock holds 2`,
      },
    ]);
  });

  it('a release beyond what the terminal holds says how many it releases and how many it has left', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    await buy(t, 2);
    const release: OutboxCommand = {
      id: uuidv7(),
      type: 'stock.release',
      payload: { packageId: t.pkg.id, quantity: 5 },
      createdAt: new Date().toISOString(),
      clerkId: null,
      offline: false,
    };
    expect(await push(t, [release])).toEqual([
      {
        id: release.id,
        status: 'rejected',
        reason: 'stock_exceeded',
        message: `releases 5 of package ${t.pkg.id}; this terminal has 2 left`,
      },
    ]);
  });
});
