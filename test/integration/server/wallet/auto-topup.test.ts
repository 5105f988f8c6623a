/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { SandboxPsp } from '../../../../server/psp/sandbox-psp';
import { evaluateAutoTopUp } from '../../../../server/wallet/auto-topup';
import { pspChargeKey, sweepPendingPurchases } from '../../../../server/wallet/purchases';
import type { WalletDeps } from '../../../../server/wallet/wallet-deps';
import { readFeed, createTenant, ledgerViolations, type TenantFixture, useTestServer } from '../api-harness';
import { serverBackends } from '../server-backends';
import { CARDS, addCard, putRule, withCharge } from './wallet-fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The rule runs here through the wallet's own entry point with an injected clock; the balance starts under the
 * threshold (no credits), so no debit is needed and the server's own background runs never start.
 */
describe.each(serverBackends())('auto top-up rule on the server ($name)', (backend) => {
  const env = useTestServer(backend, { isolated: true });
  let clock = Date.UTC(2026, 5, 10, 12);
  const walletDeps = (): WalletDeps => ({
    db: env.db,
    psp: new SandboxPsp(env.db, () => clock),
    now: () => clock,
  });

  const attempts = async (t: TenantFixture): Promise<any[]> =>
    (await env.api.call('GET', '/v1/terminal/wallet/auto-topup-attempts?limit=50', { token: t.token })).body
      .attempts;
  const rule = async (t: TenantFixture): Promise<any> =>
    (await env.api.call('GET', '/v1/terminal/wallet/auto-topup-rules', { token: t.token })).body.rules[0];
  const balance = async (t: TenantFixture): Promise<number> =>
    (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance;
  const notices = async (t: TenantFixture): Promise<string[]> => {
    const r = await readFeed(env.api, t.token);
    return r.changes.filter((c: any) => c.kind === 'wallet_notice').map((c: any) => c.data.type);
  };

  it('pauses an hour after a decline, turns off after three in a row, and a success resets the count', async () => {
    clock = Date.UTC(2026, 5, 10, 12);
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.declined);
    await putRule(env.api, t.resellerId, {
      threshold: 1000,
      amount: 500,
      maxPerDay: 10,
      maxAmountPerMonth: 100_000,
      enabled: true,
    });
    const deps = walletDeps();
    expect(await evaluateAutoTopUp(deps, t.resellerId)).not.toBeNull();
    expect(await rule(t)).toMatchObject({
      consecutiveDeclines: 1,
      pausedUntil: new Date(clock + HOUR).toISOString(),
      enabled: true,
    });
    expect((await attempts(t))[0]).toMatchObject({
      outcome: 'declined',
      reason: expect.stringContaining('card_declined'),
    });

    clock += 30 * 60_000; // still paused: skipped once, recorded once
    await evaluateAutoTopUp(deps, t.resellerId);
    expect(await evaluateAutoTopUp(deps, t.resellerId)).toBeNull();
    expect((await attempts(t)).map((a) => a.outcome)).toEqual(['skipped_paused', 'declined']);

    clock += 31 * 60_000; // the hour is over: charged again, declined again
    await evaluateAutoTopUp(deps, t.resellerId);
    expect(await rule(t)).toMatchObject({ consecutiveDeclines: 2, enabled: true });
    clock += HOUR + 1;
    await evaluateAutoTopUp(deps, t.resellerId);
    expect(await rule(t)).toMatchObject({
      consecutiveDeclines: 3,
      enabled: false,
      disabledReason: 'declined_three_times',
    });
    clock += 2 * HOUR;
    expect(await evaluateAutoTopUp(deps, t.resellerId)).toBeNull();
    expect((await attempts(t)).map((a) => a.outcome)).toEqual([
      'declined',
      'declined',
      'skipped_paused',
      'declined',
    ]);
    expect(await notices(t)).toEqual(
      expect.arrayContaining(['auto_topup_declined', 'auto_topup_skipped', 'auto_topup_disabled']),
    );
    expect(await balance(t)).toBe(0);

    // A person enables it again with a good card: it charges, and the count starts over.
    await addCard(env.api, t.token, CARDS.visa);
    await putRule(env.api, t.resellerId, {
      threshold: 1000,
      amount: 500,
      maxPerDay: 10,
      maxAmountPerMonth: 100_000,
      enabled: true,
    });
    await evaluateAutoTopUp(deps, t.resellerId);
    expect(await rule(t)).toMatchObject({ consecutiveDeclines: 0, pausedUntil: null, disabledReason: null });
    expect(await balance(t)).toBe(500);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('a decline then a success (card replaced while paused) resets the decline count', async () => {
    clock = Date.UTC(2026, 5, 11, 12);
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.insufficientFunds);
    await putRule(env.api, t.resellerId, {
      threshold: 1000,
      amount: 2000,
      maxPerDay: 10,
      maxAmountPerMonth: 100_000,
      enabled: true,
    });
    const deps = walletDeps();
    await evaluateAutoTopUp(deps, t.resellerId);
    expect(await rule(t)).toMatchObject({ consecutiveDeclines: 1 });
    await addCard(env.api, t.token, CARDS.visa); // the rule stays as it was, paused
    expect(await rule(t)).toMatchObject({ consecutiveDeclines: 1, enabled: true });
    clock += HOUR + 1;
    await evaluateAutoTopUp(deps, t.resellerId);
    expect(await rule(t)).toMatchObject({ consecutiveDeclines: 0, pausedUntil: null });
    expect(await balance(t)).toBe(2000);
    expect(await notices(t)).toContain('auto_topup_succeeded');
  });

  it('never exceeds the per-day count or the per-month amount: a purchase past them is skipped and recorded', async () => {
    clock = Date.UTC(2026, 6, 30, 10);
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.visa);
    await putRule(env.api, t.resellerId, {
      threshold: 10_000,
      amount: 300,
      maxPerDay: 2,
      maxAmountPerMonth: 1_000,
      enabled: true,
    });
    const deps = walletDeps();
    await evaluateAutoTopUp(deps, t.resellerId);
    await evaluateAutoTopUp(deps, t.resellerId);
    await evaluateAutoTopUp(deps, t.resellerId);
    expect(await evaluateAutoTopUp(deps, t.resellerId)).toBeNull(); // the same skip is recorded once
    expect((await attempts(t)).map((a) => a.outcome)).toEqual([
      'skipped_day_limit',
      'succeeded',
      'succeeded',
    ]);
    expect(await balance(t)).toBe(600);

    clock += DAY; // July 31st: a new UTC day, same month (600 of 1,000 used)
    await evaluateAutoTopUp(deps, t.resellerId);
    await evaluateAutoTopUp(deps, t.resellerId);
    const outcomes = (await attempts(t)).map((a) => a.outcome);
    expect(outcomes.slice(0, 2)).toEqual(['skipped_month_limit', 'succeeded']);
    expect((await attempts(t))[0].reason).toContain('1000');
    expect(await balance(t)).toBe(900);
    expect(await notices(t)).toContain('auto_topup_skipped');

    clock += DAY; // August 1st: a new month
    await evaluateAutoTopUp(deps, t.resellerId);
    expect(await balance(t)).toBe(1200);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('finishes an attempt a crash left in flight after the charge: one charge, one grant, the rule suppressed meanwhile', async () => {
    clock = Date.UTC(2026, 7, 5, 9);
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.visa);
    await putRule(env.api, t.resellerId, { threshold: 1000, amount: 3000 });
    const sandbox = new SandboxPsp(env.db, () => clock);
    // The process dies right after the provider charged the card, before the grant.
    const crashing: WalletDeps = {
      db: env.db,
      now: () => clock,
      psp: withCharge(sandbox, async (r) => {
        await sandbox.charge(r);
        throw new Error('crashed after the charge');
      }),
    };
    await expect(evaluateAutoTopUp(crashing, t.resellerId)).rejects.toThrow('crashed');
    expect((await attempts(t)).map((a) => a.outcome)).toEqual(['in_flight']);
    expect(await evaluateAutoTopUp(walletDeps(), t.resellerId)).toBeNull(); // one in flight: nothing more
    expect(await balance(t)).toBe(0);
    clock += 120_000;
    expect(await sweepPendingPurchases(walletDeps(), 60_000)).toBe(1);
    const [a] = await attempts(t);
    expect(a).toMatchObject({ outcome: 'succeeded', amount: 3000, reason: 'charged the saved card' });
    expect(await balance(t)).toBe(3000);
    const charges = await env.db.query('SELECT 1 FROM psp_sandbox_charges WHERE idempotency_key = $1', [
      pspChargeKey(t.resellerId, a.purchaseId),
    ]);
    expect(charges).toHaveLength(1);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('skips without a saved card: the attempt says why and the terminals are told, nothing is charged', async () => {
    clock = Date.UTC(2026, 8, 1, 9);
    const t = await createTenant(env.api);
    await putRule(env.api, t.resellerId, { threshold: 1000, amount: 500 });
    expect(await evaluateAutoTopUp(walletDeps(), t.resellerId)).not.toBeNull();
    expect(await attempts(t)).toEqual([
      expect.objectContaining({ outcome: 'skipped_no_payment_method', reason: 'no saved payment method' }),
    ]);
    expect(await notices(t)).toEqual(['auto_topup_skipped']);
    expect(await balance(t)).toBe(0);
  });

  it('a first decline pauses the rule and says so, without announcing it turned off', async () => {
    clock = Date.UTC(2026, 8, 2, 9);
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.declined);
    await putRule(env.api, t.resellerId, { threshold: 1000, amount: 500 });
    await evaluateAutoTopUp(walletDeps(), t.resellerId);
    expect(await rule(t)).toMatchObject({ consecutiveDeclines: 1, enabled: true });
    expect(await notices(t)).toEqual(['auto_topup_declined']);
    const hooks = await env.db.query<{ type: string }>(
      'SELECT type FROM webhook_outbox WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(hooks.map((h) => h.type)).not.toContain('wallet.auto_topup_disabled');
  });

  it('closes the attempt as declined when its card is deleted before the charge went through', async () => {
    clock = Date.UTC(2026, 8, 3, 9);
    const t = await createTenant(env.api);
    const card = await addCard(env.api, t.token, CARDS.visa);
    await putRule(env.api, t.resellerId, { threshold: 1000, amount: 800 });
    // The process dies before the provider is reached: the purchase is left pending, nothing charged.
    const crashing: WalletDeps = {
      db: env.db,
      now: () => clock,
      psp: withCharge(new SandboxPsp(env.db, () => clock), () =>
        Promise.reject(new Error('crashed before the charge')),
      ),
    };
    await expect(evaluateAutoTopUp(crashing, t.resellerId)).rejects.toThrow('crashed');
    const del = await env.api.call('DELETE', `/v1/terminal/wallet/payment-methods/${card.id}`, {
      token: t.token,
    });
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    clock += 120_000;
    expect(await sweepPendingPurchases(walletDeps(), 60_000)).toBe(1);
    expect(await attempts(t)).toEqual([
      expect.objectContaining({ outcome: 'declined', reason: 'the purchase failed: the card was deleted' }),
    ]);
    expect(await balance(t)).toBe(0);
  });

  it('a charge replayed with the same idempotency key charges once and answers the same charge', async () => {
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.visa);
    const token = (
      await env.db.query<{ psp_token: string }>(
        'SELECT psp_token FROM payment_methods WHERE reseller_id = $1 AND deleted_at IS NULL',
        [t.resellerId],
      )
    )[0]!.psp_token;
    const psp = new SandboxPsp(env.db);
    const key = `test-${t.resellerId}`;
    const charges = await Promise.all(
      Array.from({ length: 10 }, () =>
        psp.charge({ idempotencyKey: key, token, amount: 700, currency: 'USD' }),
      ),
    );
    expect(new Set(charges.map((c) => c.chargeId)).size).toBe(1);
    expect(charges.every((c) => c.status === 'succeeded')).toBe(true);
    const rows = await env.db.query('SELECT 1 FROM psp_sandbox_charges WHERE idempotency_key = $1', [key]);
    expect(rows).toHaveLength(1);
    await expect(
      psp.charge({ idempotencyKey: key, token, amount: 701, currency: 'USD' }),
    ).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
  });
});
