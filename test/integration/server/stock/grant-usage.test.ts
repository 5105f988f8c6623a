/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../../core/sync/protocol';
import { uuidv7 } from '../../../../core/uuidv7';
import {
  readFeed,
  TEST_OPERATOR_KEY,
  createTenant,
  ledgerViolations,
  saleCommand,
  type TenantFixture,
  useTestServer,
} from '../api-harness';
import { serverBackends } from '../server-backends';

describe.each(serverBackends())('package validity and usage ($name)', (backend) => {
  const env = useTestServer(backend);

  const sell = async (t: TenantFixture, account: string): Promise<string> => {
    const cmd = saleCommand(t, { pkg: t.bundle, account });
    const r = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [cmd] },
    });
    expect(pushResponseSchema.parse(r.body).outcomes[0]!.status).toBe('applied');
    return (cmd.payload as { saleId: string }).saleId;
  };
  const customerToken = async (t: TenantFixture, account: string): Promise<string> => {
    const r = await env.api.call('POST', `/v1/operator/customers/${encodeURIComponent(account)}/token`, {
      token: TEST_OPERATOR_KEY,
      body: { resellerId: t.resellerId },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.token;
  };
  const saleChanges = async (t: TenantFixture, saleId: string): Promise<any[]> => {
    const pulled = await readFeed(env.api, t.token);
    return pulled.changes.filter((c: any) => c.kind === 'sale' && c.data.saleId === saleId);
  };

  it('the sale change carries the grant state; spending any of it marks the package used and refusing a refund says so', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const account = '+15550009001';
    const saleId = await sell(t, account);
    const [created] = await saleChanges(t, saleId);
    expect(created.data).toMatchObject({ status: 'purchased', grantUsed: false });
    // A bundle of 7 days: the grant expires 7 days after the sale.
    const soldAt = Date.parse(created.data.createdAt);
    const expires = Date.parse(created.data.grantExpiresAt);
    expect(expires - soldAt).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(expires - soldAt).toBeLessThanOrEqual(7 * 86_400_000);

    const token = await customerToken(t, account);
    const spendId = uuidv7();
    const spend = await env.api.call('POST', '/v1/customer/spend', { token, body: { spendId, amount: 120 } });
    expect(spend.status, JSON.stringify(spend.body)).toBe(200);
    expect(spend.body).toMatchObject({ spendId, amount: 120, walletBalance: t.bundle.faceValue - 120 });
    // A repeat answers the same spend and spends nothing more; another amount under that id is a conflict.
    const again = await env.api.call('POST', '/v1/customer/spend', { token, body: { spendId, amount: 120 } });
    expect(again.body).toEqual(spend.body);
    const reused = await env.api.call('POST', '/v1/customer/spend', { token, body: { spendId, amount: 1 } });
    expect(reused.status).toBe(409);
    // More than the wallet holds: refused, nothing changes.
    const over = await env.api.call('POST', '/v1/customer/spend', {
      token,
      body: { spendId: uuidv7(), amount: 100_000 },
    });
    expect(over.status).toBe(400);
    expect(over.body.code).toBe('insufficient_funds');
    const wallet = await env.api.call('GET', '/v1/customer/wallet', { token });
    expect(wallet.body.balance).toBe(t.bundle.faceValue - 120);
    expect(wallet.body.grants[0]).toMatchObject({
      amount: t.bundle.faceValue,
      remaining: t.bundle.faceValue - 120,
    });

    // The feed tells the terminals the package is used (once: a later spend does not repeat it).
    await env.api.call('POST', '/v1/customer/spend', { token, body: { spendId: uuidv7(), amount: 10 } });
    const changes = await saleChanges(t, saleId);
    expect(changes.map((c) => c.data.grantUsed)).toEqual([false, true]);
    expect(changes[1].data.grantExpiresAt).toBe(created.data.grantExpiresAt);

    const refund = await env.api.call('POST', `/v1/terminal/sales/${saleId}/refund`, {
      token: t.token,
      body: { refundId: uuidv7() },
    });
    expect(refund.status).toBe(400);
    expect(refund.body.details).toMatchObject({ condition: 'package_used' });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('a refund shows on the customer history', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const account = '+15550009002';
    const saleId = await sell(t, account);
    const refund = await env.api.call('POST', `/v1/terminal/sales/${saleId}/refund`, {
      token: t.token,
      body: { refundId: uuidv7() },
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    const token = await customerToken(t, account);
    const history = await env.api.call('GET', '/v1/customer/history', { token });
    expect(history.status).toBe(200);
    const kinds = history.body.entries.map((e: any) => [e.kind, e.amount]);
    expect(kinds).toEqual([
      ['sale_refund', -t.bundle.faceValue],
      ['sale', t.bundle.faceValue],
    ]);
    expect(history.body.entries[0].memo).toContain(refund.body.refundNumber);
  });
});
