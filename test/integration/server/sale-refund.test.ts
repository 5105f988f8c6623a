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
} from './api-harness';
import { serverBackends } from './server-backends';

const saleIdOf = (cmd: OutboxCommand): string => (cmd.payload as { saleId: string }).saleId;

describe.each(serverBackends())('sale refunds ($name)', (backend) => {
  const env = useTestServer(backend);

  const sell = async (t: TenantFixture, opts: Parameters<typeof saleCommand>[1] = {}): Promise<string> => {
    const cmd = saleCommand(t, opts);
    const r = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [cmd] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(pushResponseSchema.parse(r.body).outcomes[0]!.status).toBe('applied');
    return saleIdOf(cmd);
  };
  const refund = (t: TenantFixture, saleId: string, refundId = uuidv7()) =>
    env.api.call('POST', `/v1/terminal/sales/${saleId}/refund`, { token: t.token, body: { refundId } });
  const balance = async (t: TenantFixture): Promise<number> =>
    (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance;
  const policy = (t: TenantFixture, body: { cutoffAt: string | null; monthlyLimit: number }) =>
    env.api.call('PUT', `/v1/operator/resellers/${t.resellerId}/refund-policy`, {
      token: TEST_OPERATOR_KEY,
      body,
    });
  const saleState = async (t: TenantFixture, saleId: string) =>
    (
      await env.db.query<{ status: string; remaining: string; amount: string }>(
        `SELECT s.status, g.remaining::text, g.amount::text FROM sales s
           JOIN grants g ON g.reseller_id = s.reseller_id AND g.id = s.grant_id
          WHERE s.reseller_id = $1 AND s.id = $2`,
        [t.resellerId, saleId],
      )
    )[0]!;

  it('refunds a purchased, unused sale once: credits back, grant revoked, one entry, its own number', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const before = await balance(t);
    const saleId = await sell(t);
    expect(await balance(t)).toBe(before - t.pkg.wholesalePrice);

    const refundId = uuidv7();
    const r = await refund(t, saleId, refundId);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      refundId,
      saleId,
      amount: t.pkg.wholesalePrice,
      currency: 'USD',
      resellerBalance: before,
    });
    expect(r.body.refundNumber).toMatch(/^RF-\d{6}$/);
    expect(await balance(t)).toBe(before);
    expect(await saleState(t, saleId)).toMatchObject({ status: 'refunded', remaining: '0' });
    const entries = await env.db.query<{ kind: string }>(
      `SELECT kind FROM journal_entries WHERE reseller_id = $1 AND kind = 'sale_refund'`,
      [t.resellerId],
    );
    expect(entries).toHaveLength(1);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);

    // The terminals learn the new status and balance from the feed. (Packages other test files create on a shared
    // database reach every reseller's feed meanwhile: the catalog is global.)
    const feed = await env.db.query<{ kind: string; data: any }>(
      `SELECT kind, data FROM changes WHERE reseller_id = $1 AND kind <> 'package' ORDER BY seq DESC LIMIT 2`,
      [t.resellerId],
    );
    expect(feed.map((c) => c.kind).sort()).toEqual(['balance', 'sale']);
    expect(feed.find((c) => c.kind === 'sale')!.data.status).toBe('refunded');

    // The same refund again answers the first; another refund of the sale is refused as refunded already.
    const again = await refund(t, saleId, refundId);
    expect(again.status).toBe(200);
    expect(again.body.refundNumber).toBe(r.body.refundNumber);
    const other = await refund(t, saleId);
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ code: 'refund_refused', details: { condition: 'not_purchased' } });
    expect(await balance(t)).toBe(before);
    // The same refund id for another sale is a conflict.
    const second = await sell(t);
    expect((await refund(t, second, refundId)).status).toBe(409);
  });

  it('two terminals refunding the same sale at once refund it once', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const t2 = await anotherTerminal(env.api, t);
    const saleId = await sell(t);
    const before = await balance(t);
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => refund(t, saleId)),
      ...Array.from({ length: 4 }, () => refund(t2, saleId)),
    ]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200))
      expect(a.body).toMatchObject({ code: 'refund_refused', details: { condition: 'not_purchased' } });
    expect(await balance(t)).toBe(before + t.pkg.wholesalePrice);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('refuses a used package, a sale before the cut-off, and beyond the monthly limit, naming the condition', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    // Used: part of the grant spent. Stand-in, on purpose: nothing spends grants yet (see sale-void.test.ts).
    const used = await sell(t);
    await env.db.query(
      `UPDATE grants SET remaining = remaining - 1 WHERE reseller_id = $1 AND source_id = $2`,
      [t.resellerId, used],
    );
    const usedAnswer = await refund(t, used);
    expect(usedAnswer.body).toMatchObject({ code: 'refund_refused', details: { condition: 'package_used' } });

    // Before the cut-off: a sale made an hour ago, the cut-off now.
    const old = await sell(t, { createdAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect((await policy(t, { cutoffAt: new Date().toISOString(), monthlyLimit: 10 })).status).toBe(200);
    expect((await refund(t, old)).body).toMatchObject({ details: { condition: 'before_cutoff' } });

    // The monthly limit: 1 allowed, the second refused, nothing changed by the refusal.
    expect((await policy(t, { cutoffAt: null, monthlyLimit: 1 })).status).toBe(200);
    expect((await refund(t, old)).status).toBe(200);
    const third = await sell(t);
    const before = await balance(t);
    const limited = await refund(t, third);
    expect(limited.body).toMatchObject({ details: { condition: 'monthly_limit_reached' } });
    const allowance = await env.api.call('GET', '/v1/terminal/refunds/allowance', { token: t.token });
    expect(allowance.body).toMatchObject({ used: 1, monthlyLimit: 1, cutoffAt: null });
    expect(await balance(t)).toBe(before);
    expect((await saleState(t, third)).status).toBe('purchased');

    // The operator's bounds are validated; an unknown sale is not found.
    expect((await policy(t, { cutoffAt: null, monthlyLimit: -1 })).status).toBe(400);
    expect((await refund(t, uuidv7())).status).toBe(404);
    // No ledger check here: the stand-in spend above edits a grant without its wallet posting.
  });

  it('another shop cannot refund a sale that is not its own', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const stranger = await createTenant(env.api, { credits: 10_000 });
    const saleId = await sell(t);
    expect((await refund(stranger, saleId)).status).toBe(404);
    expect((await saleState(t, saleId)).status).toBe('purchased');
  });
});
