import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../core/uuidv7';
import { TEST_OPERATOR_KEY, createTenant, ledgerViolations, useTestServer } from '../api-harness';
import { serverBackends } from '../server-backends';

process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';

/**
 * Transfers between a reseller and its affiliate go through one transfer account on each side, made by the first
 * transfer and reused by every later one, so each side's account holds the net amount moved.
 */
describe.each(serverBackends())('credit transfers: one transfer account per side ($name)', (backend) => {
  const env = useTestServer(backend);

  it('a second transfer reuses each side’s transfer account, which nets to what was moved', async () => {
    const parent = await createTenant(env.api, { credits: 10_000 });
    const child = await createTenant(env.api, { parentId: parent.resellerId });
    for (const amount of [2_000, 500]) {
      const moved = await env.api.call('POST', '/v1/terminal/wallet/transfers', {
        token: parent.token,
        body: { transferId: uuidv7(), toResellerId: child.resellerId, amount },
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    const accounts = await env.db.query<{ reseller_id: string; balance: string }>(
      `SELECT reseller_id, balance::text FROM accounts WHERE kind = 'affiliate_transfers' AND reseller_id = ANY($1)`,
      [[parent.resellerId, child.resellerId]],
    );
    const byReseller = (id: string) =>
      accounts.filter((a) => a.reseller_id === id).map((a) => Number(a.balance));
    const parentSide = byReseller(parent.resellerId);
    const childSide = byReseller(child.resellerId);
    expect(parentSide).toHaveLength(1);
    expect(childSide).toHaveLength(1);
    expect(Math.abs(parentSide[0]!)).toBe(2_500);
    expect(parentSide[0]! + childSide[0]!).toBe(0);
    expect((await env.api.call('GET', '/v1/terminal/balance', { token: child.token })).body.balance).toBe(
      2_500,
    );
    expect(await ledgerViolations(env.db, [parent.resellerId, child.resellerId])).toEqual([]);
  });
  it('refuses to move credits to an affiliate that keeps them in another currency', async () => {
    const parent = await createTenant(env.api, { credits: 10_000 });
    const child = await env.api.call('POST', '/v1/operator/resellers', {
      token: TEST_OPERATOR_KEY,
      body: { name: `Euro shop ${uuidv7().slice(-6)}`, currency: 'EUR', parentId: parent.resellerId },
    });
    expect(child.status, JSON.stringify(child.body)).toBe(201);
    const moved = await env.api.call('POST', '/v1/terminal/wallet/transfers', {
      token: parent.token,
      body: { transferId: uuidv7(), toResellerId: child.body.id, amount: 2_000 },
    });
    expect(moved.status).toBe(400);
    expect(moved.body).toMatchObject({
      code: 'invalid_input',
      message: 'the affiliate keeps its credits in another currency',
    });
    expect((await env.api.call('GET', '/v1/terminal/balance', { token: parent.token })).body.balance).toBe(
      10_000,
    );
    expect(await ledgerViolations(env.db, [parent.resellerId, child.body.id])).toEqual([]);
  });
});
