/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { pullResponseSchema, pushResponseSchema, type OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import { TEST_OPERATOR_KEY, createTenant, ledgerViolations, saleCommand, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

describe.each(serverBackends())('sync push and pull ($name)', (backend) => {
  // A database of its own: the catalog is global, so on a shared database the packages other test files create
  // while this one runs land in every feed, and the feed test below could not say what its feed holds.
  const env = useTestServer(backend, { isolated: true });

  const push = async (token: string, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const balance = async (token: string) =>
    (await env.api.call('GET', '/v1/terminal/balance', { token })).body.balance;
  const saleCount = async (resellerId: string) =>
    Number(
      (
        await env.db.query<{ n: string }>('SELECT count(*)::text AS n FROM sales WHERE reseller_id = $1', [
          resellerId,
        ])
      )[0]!.n,
    );

  it('applies a sale: debits wholesale, grants face value, records it, and replays as duplicate', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const cmd = saleCommand(t, { quantity: 2 });
    const [first] = await push(t.token, [cmd]);
    expect(first).toMatchObject({
      id: cmd.id,
      status: 'applied',
      result: { wholesaleAmount: 1900, resellerBalance: 8100 },
    });
    const [again] = await push(t.token, [cmd]);
    expect(again).toEqual({
      id: cmd.id,
      status: 'duplicate',
      original: 'applied',
      result: (first as any).result,
    });
    expect(await balance(t.token)).toBe(8100);
    expect(await saleCount(t.resellerId)).toBe(1);
    const customer = await env.api.call('GET', '/v1/terminal/customers/+15550001111', { token: t.token });
    expect(customer.body).toMatchObject({ walletBalance: 2000, currency: 'USD' });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('applies concurrent replays of the same batch once', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const cmds = Array.from({ length: 20 }, () =>
      saleCommand(t, { account: `+1555${Math.floor(Math.random() * 1e6)}` }),
    );
    const answers = await Promise.all(Array.from({ length: 6 }, () => push(t.token, cmds)));
    const applied = answers.flat().filter((o) => o.status === 'applied');
    expect(applied).toHaveLength(20);
    expect(new Set(applied.map((o) => o.id)).size).toBe(20);
    for (const outcomes of answers) {
      for (const o of outcomes) expect(['applied', 'duplicate']).toContain(o.status);
    }
    expect(await saleCount(t.resellerId)).toBe(20);
    expect(await balance(t.token)).toBe(100_000 - 20 * 950);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('rejects an id reused with a different payload, unknown types and bad payloads, and remembers them', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const cmd = saleCommand(t);
    await push(t.token, [cmd]);
    const other = saleCommand(t, { quantity: 3 });
    const reused = { ...other, id: cmd.id };
    const unknown: OutboxCommand = { ...saleCommand(t), type: 'card.teleport' };
    const bad: OutboxCommand = { ...saleCommand(t), payload: { saleId: 'nope' } };
    const out = await push(t.token, [reused, unknown, bad]);
    expect(out[0]).toMatchObject({ status: 'rejected', reason: 'id_reused_with_different_payload' });
    expect(out[1]).toMatchObject({ status: 'rejected', reason: 'unknown_command_type' });
    expect(out[2]).toMatchObject({ status: 'rejected', reason: 'invalid_payload' });
    const replay = await push(t.token, [unknown, bad]);
    expect(replay[0]).toMatchObject({
      status: 'duplicate',
      original: 'rejected',
      reason: 'unknown_command_type',
    });
    expect(replay[1]).toMatchObject({ status: 'duplicate', original: 'rejected', reason: 'invalid_payload' });
    expect(await saleCount(t.resellerId)).toBe(1);
    // A new command id reusing an existing sale's id or number is refused as such.
    const samePayload = { ...cmd, id: saleCommand(t).id };
    const [again] = await push(t.token, [samePayload]);
    expect(again).toMatchObject({ status: 'rejected', reason: 'sale_already_exists' });
    expect(await saleCount(t.resellerId)).toBe(1);
    // The same id twice in one batch: the second is a duplicate.
    const c2 = saleCommand(t);
    const twice = await push(t.token, [c2, c2]);
    expect(twice.map((o) => o.status)).toEqual(['applied', 'duplicate']);
  });

  it('enforces catalog, currency, price, credit and floor-limit rules', async () => {
    const t = await createTenant(env.api, {
      credits: 1_000,
      floorLimits: { perSaleMax: 1000, totalOfflineMax: 1500, maxHoursSinceSync: 24 },
    });
    const base = saleCommand(t);
    const p = base.payload as Record<string, unknown>;
    const withPayload = (patch: Record<string, unknown>): OutboxCommand => ({
      ...saleCommand(t),
      payload: { ...(saleCommand(t).payload as object), ...patch },
    });
    const out = await push(t.token, [
      withPayload({ packageId: uuidv7() }),
      withPayload({ currency: 'EUR' }),
      withPayload({ retailAmount: (p.retailAmount as number) + 1 }),
      saleCommand(t, { quantity: 2 }), // online, 1900 > 1000 credits
      saleCommand(t), // online 950 ok -> 50 left
      saleCommand(t, { offline: true, quantity: 2 }), // offline 2000 > perSaleMax 1000
      saleCommand(t, { offline: true }), // offline 1000 ok, overdraws to -900
      saleCommand(t, { offline: true, pkg: t.bundle }), // offline total 1500 ok
      saleCommand(t, { offline: true, pkg: t.bundle }), // total 2000 > 1500
      saleCommand(t), // online, balance negative
    ]);
    expect(out.map((o) => (o.status === 'rejected' ? o.reason : o.status))).toEqual([
      'package_not_found',
      'currency_mismatch',
      'price_mismatch',
      'insufficient_credits',
      'applied',
      'floor_limit_exceeded',
      'applied',
      'applied',
      'floor_limit_exceeded',
      'insufficient_credits',
    ]);
    expect(await balance(t.token)).toBe(1000 - 950 - 950 - 400);
    // The reseller is 1300 below zero: one more offline 400 would pass the overdraft cap (the sum of its terminals'
    // offline limits, 1500), whatever the window says.
    await env.api.call('GET', '/v1/terminal/sync/pull', { token: t.token });
    const [capped] = await push(t.token, [saleCommand(t, { offline: true, pkg: t.bundle })]);
    expect(capped).toMatchObject({ status: 'rejected', reason: 'floor_limit_exceeded' });
    // With credits bought, a window the terminal restarts (its earlier offline sales answered) takes new sales.
    await env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/credits`, {
      token: TEST_OPERATOR_KEY,
      body: { amount: 1_000 },
    });
    const fresh = saleCommand(t, { offline: true, pkg: t.bundle });
    const [after] = await push(t.token, [
      { ...fresh, offlineClaim: { ...fresh.offlineClaim!, windowStart: fresh.offlineClaim!.seq } },
    ]);
    expect(after!.status).toBe('applied');
    // A package deactivated after the terminal last pulled it: an offline sale at the version it had still applies
    // (the counter honoured it); an online one is refused; an offline one naming the inactive version cannot exist.
    const oldBundle = t.bundle;
    const deactivated = await env.api.call('POST', `/v1/operator/packages/${t.bundle.id}/deactivate`, {
      token: TEST_OPERATOR_KEY,
    });
    const honoured = saleCommand(t, { offline: true, pkg: oldBundle });
    const [stillHonoured] = await push(t.token, [
      { ...honoured, offlineClaim: { ...honoured.offlineClaim!, windowStart: honoured.offlineClaim!.seq } },
    ]);
    expect(stillHonoured!.status).toBe('applied');
    const [online] = await push(t.token, [saleCommand(t, { pkg: deactivated.body })]);
    expect(online).toMatchObject({ status: 'rejected', reason: 'package_inactive' });
    const [impossible] = await push(t.token, [saleCommand(t, { offline: true, pkg: deactivated.body })]);
    expect(impossible).toMatchObject({ status: 'rejected', reason: 'unknown_version' });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('pulls the change feed in pages with a cursor, including balances, sales, packages and settings', async () => {
    const t = await createTenant(env.api, { credits: 50_000 });
    const outcomes = await push(
      t.token,
      Array.from({ length: 7 }, () => saleCommand(t)),
    );
    expect(outcomes.map((o) => o.status)).toEqual(Array(7).fill('applied'));
    const all: any[] = [];
    let cursor = '0';
    for (let i = 0; i < 100; i++) {
      const r = await env.api.call('GET', `/v1/terminal/sync/pull?cursor=${cursor}&limit=3`, {
        token: t.token,
      });
      expect(r.status).toBe(200);
      const page = pullResponseSchema.parse(r.body);
      expect(page.changes.length).toBeLessThanOrEqual(3);
      all.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const seqs = all.map((c) => Number(c.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs[0]).toBe(1);
    expect(seqs[seqs.length - 1]).toBe(seqs.length);
    const kinds = new Set(all.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['balance', 'package', 'sale', 'terminal_settings']);
    expect(all.filter((c) => c.kind === 'sale')).toHaveLength(7);
    const lastBalance = all.filter((c) => c.kind === 'balance').pop();
    expect(lastBalance.data.balance).toBe(50_000 - 7 * 950);
    const empty = await env.api.call('GET', `/v1/terminal/sync/pull?cursor=${cursor}`, { token: t.token });
    expect(empty.body).toEqual({ changes: [], cursor, hasMore: false, serverTime: expect.any(String) });
    expect(Math.abs(Date.parse(empty.body.serverTime) - Date.now())).toBeLessThan(60_000);
  });

  it('pages journal and sales, filters sales, and serves the customer wallet', async () => {
    const t = await createTenant(env.api, { credits: 50_000 });
    await push(t.token, [
      saleCommand(t, { account: '+15550002222' }),
      saleCommand(t, { account: '+15550002222', pkg: t.bundle }),
      saleCommand(t, { account: '+15550003333' }),
    ]);
    const j1 = await env.api.call('GET', '/v1/terminal/journal?limit=2', { token: t.token });
    expect(j1.body.entries).toHaveLength(2);
    expect(j1.body.hasMore).toBe(true);
    const j2 = await env.api.call('GET', `/v1/terminal/journal?limit=2&cursor=${j1.body.cursor}`, {
      token: t.token,
    });
    expect(j2.body.entries).toHaveLength(2);
    expect(j2.body.hasMore).toBe(false);
    expect(j2.body.entries[1]).toMatchObject({ kind: 'credit_purchase', amount: 50_000 });
    const sales = await env.api.call('GET', '/v1/terminal/sales?customer=%2B15550002222', { token: t.token });
    expect(sales.body.sales).toHaveLength(2);
    const none = await env.api.call('GET', `/v1/terminal/sales?status=refunded`, { token: t.token });
    expect(none.body.sales).toHaveLength(0);
    const future = await env.api.call('GET', `/v1/terminal/sales?from=2199-01-01T00:00:00Z`, {
      token: t.token,
    });
    expect(future.body.sales).toHaveLength(0);
    const mine = await env.api.call('GET', `/v1/terminal/sales?terminalId=${t.terminal.terminalId}&limit=1`, {
      token: t.token,
    });
    expect(mine.body).toMatchObject({ hasMore: true });
    const tok = await env.api.call('POST', '/v1/operator/customers/+15550002222/token', {
      token: TEST_OPERATOR_KEY,
      body: { resellerId: t.resellerId },
    });
    expect(tok.status).toBe(201);
    const wallet = await env.api.call('GET', '/v1/customer/wallet', { token: tok.body.token });
    expect(wallet.body).toMatchObject({ balance: 1500, currency: 'USD' });
    expect(wallet.body.grants.map((g: any) => g.priority)).toEqual([50, 50]);
    // Expiring bundle grant is spent before the never-expiring top-up.
    expect(wallet.body.grants[0].expiresAt).not.toBeNull();
    const history = await env.api.call('GET', '/v1/customer/history', { token: tok.body.token });
    expect(history.body.entries.map((e: any) => e.amount).sort()).toEqual([1000, 500].sort());
  });
});
