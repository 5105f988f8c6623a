import { afterEach, describe, expect, it, vi } from 'vitest';
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

const saleIdOf = (cmd: OutboxCommand): string => (cmd.payload as { saleId: string }).saleId;

describe.each(serverBackends())('review: sale refunds ($name)', (backend) => {
  const env = useTestServer(backend);
  afterEach(() => {
    vi.useRealTimers();
  });

  const push = (t: TenantFixture, commands: OutboxCommand[]) =>
    env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
  const sell = async (t: TenantFixture, opts: Parameters<typeof saleCommand>[1] = {}): Promise<string> => {
    const cmd = saleCommand(t, opts);
    const r = await push(t, [cmd]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(pushResponseSchema.parse(r.body).outcomes[0]!.status).toBe('applied');
    return saleIdOf(cmd);
  };
  const refund = (t: TenantFixture, saleId: string, refundId = uuidv7()) =>
    env.api.call('POST', `/v1/terminal/sales/${saleId}/refund`, { token: t.token, body: { refundId } });
  const policy = (t: TenantFixture, body: { cutoffAt: string | null; monthlyLimit: number }) =>
    env.api.call('PUT', `/v1/operator/resellers/${t.resellerId}/refund-policy`, {
      token: TEST_OPERATOR_KEY,
      body,
    });

  it('a refund decided against one month is recorded in that month (the monthly limit holds at the boundary)', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const a = await sell(t);
    const b = await sell(t);
    expect((await policy(t, { cutoffAt: null, monthlyLimit: 1 })).status).toBe(200);
    expect((await refund(t, a)).status).toBe(200);

    // The month's one refund is used. A second refund's transaction starts (its now(), which becomes refunded_at)
    // just before midnight UTC and reads Date.now() just after it, e.g. after waiting for the reseller's lock.
    // Emulated by moving only the API process's clock to the first instant of the next month.
    const [{ next }] = (await env.db.query<{ next: Date }>(
      `SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC' AS next`,
    )) as [{ next: Date }];
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(new Date(next).getTime() + 10));
    const second = await refund(t, b);
    vi.useRealTimers();

    // Whatever the answer, no calendar month may hold more refunds than the limit.
    const perMonth = await env.db.query<{ month: string; n: number }>(
      `SELECT to_char(refunded_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*)::int AS n
         FROM sale_refunds WHERE reseller_id = $1 GROUP BY 1`,
      [t.resellerId],
    );
    // The server decides and records with one clock (the database's, read under the lock), so the API process's
    // clock does not move the month it counts: still this month, whose one refund is used.
    expect(second.body).toMatchObject({ details: { condition: 'monthly_limit_reached' } });
    expect(Math.max(...perMonth.map((m) => m.n)), JSON.stringify(perMonth)).toBeLessThanOrEqual(1);
  });

  it('held: five concurrent refunds of different sales with a limit of 1 refund one', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const t2 = await anotherTerminal(env.api, t);
    const sales: string[] = [];
    for (let i = 0; i < 5; i++) sales.push(await sell(t));
    expect((await policy(t, { cutoffAt: null, monthlyLimit: 1 })).status).toBe(200);
    const answers = await Promise.all(sales.map((s, i) => refund(i % 2 ? t2 : t, s)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400, 400, 400]);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('held: concurrent refunds of different sales get distinct RF- numbers, never a 500', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const t2 = await anotherTerminal(env.api, t);
    const sales: string[] = [];
    for (let i = 0; i < 6; i++) sales.push(await sell(t));
    const answers = await Promise.all(sales.map((s, i) => refund(i % 2 ? t2 : t, s)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.refundNumber)).size).toBe(6);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('held: refund and sale.void of one sale at once reverse it once; a replayed sale.create does not re-sell it', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const cmd = saleCommand(t);
    expect(pushResponseSchema.parse((await push(t, [cmd])).body).outcomes[0]!.status).toBe('applied');
    const saleId = saleIdOf(cmd);
    const [bal] = await env.db.query<{ b: string }>(
      `SELECT a.balance::text AS b FROM resellers r JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id WHERE r.id = $1`,
      [t.resellerId],
    );
    const voidCmd: OutboxCommand = {
      id: uuidv7(),
      type: 'sale.void',
      payload: { saleId },
      createdAt: new Date().toISOString(),
      clerkId: null,
      offline: false,
    } as OutboxCommand;
    const [r, v] = await Promise.all([refund(t, saleId), push(t, [voidCmd])]);
    const reversed = await env.db.query(
      `SELECT 1 FROM journal_entries WHERE reseller_id = $1 AND kind IN ('sale_refund', 'sale_void')`,
      [t.resellerId],
    );
    expect(reversed, JSON.stringify([r.body, v.body])).toHaveLength(1);
    // Replay of the create (same command) and a fresh command for the same sale id.
    await push(t, [cmd]);
    await push(t, [{ ...cmd, id: uuidv7() }]);
    const [after] = await env.db.query<{ b: string }>(
      `SELECT a.balance::text AS b FROM resellers r JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id WHERE r.id = $1`,
      [t.resellerId],
    );
    expect(Number(after!.b)).toBe(Number(bal!.b) + t.pkg.wholesalePrice);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it("held: an offline-honoured sale refunds once with a sound ledger; an affiliate cannot refund its parent's sale", async () => {
    const parent = await createTenant(env.api, { credits: 100_000 });
    const child = await createTenant(env.api, { credits: 100_000, parentId: parent.resellerId });
    const off = await sell(parent, { offline: true });
    expect((await refund(child, off)).status).toBe(404);
    const childSale = await sell(child);
    expect((await refund(parent, childSale)).status).toBe(404);
    const [x, y] = await Promise.all([refund(parent, off), refund(parent, off)]);
    expect([x.status, y.status].sort()).toEqual([200, 400]);
    expect(await ledgerViolations(env.db, [parent.resellerId, child.resellerId])).toEqual([]);
  });
});
