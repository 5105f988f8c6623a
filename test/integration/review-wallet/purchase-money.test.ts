// Review of the reseller wallet (issue 11): money lost or stuck between the provider's charge and the grant.
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import { SandboxPsp } from '../../../server/psp/sandbox-psp';
import { evaluateAutoTopUp } from '../../../server/wallet/auto-topup';
import {
  buyPackage,
  completePurchase,
  pspChargeKey,
  sweepPendingPurchases,
} from '../../../server/wallet/purchases';
import type { WalletDeps } from '../../../server/wallet/wallet-deps';
import { createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { CARDS, addCard, createCreditPackage } from '../server/wallet/wallet-fixtures';

// The server's own sweeper and webhook loop stay off: these tests drive the wallet's entry points themselves.
process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';

describe.each(serverBackends())('REVIEW wallet: charge and grant ($name)', (backend) => {
  const env = useTestServer(backend);
  const deps = (now: () => number = Date.now): WalletDeps => ({
    db: env.db,
    psp: new SandboxPsp(env.db, now),
    now,
  });

  /** Purchases of a reseller whose card the provider charged (succeeded) but whose credits were never granted. */
  const chargedNotGranted = (resellerId: string) =>
    env.db.query<{ id: string; status: string }>(
      `SELECT p.id, p.status FROM wallet_purchases p
         JOIN psp_sandbox_charges c ON c.idempotency_key = coalesce(p.psp_key, p.id::text)
        WHERE p.reseller_id = $1 AND c.status = 'succeeded' AND p.status NOT IN ('succeeded', 'paid')`,
      [resellerId],
    );

  it('an auto top-up amount the balance cannot hold is refused, never charged without its grant', async () => {
    const t = await createTenant(env.api, { credits: 1_000 });
    await addCard(env.api, t.token, CARDS.visa);
    // The terminal's own rule: every field is within its schema (safe integers).
    const put = await env.api.call('PUT', '/v1/terminal/wallet/auto-topup-rules/USD', {
      token: t.token,
      body: {
        threshold: Number.MAX_SAFE_INTEGER,
        amount: Number.MAX_SAFE_INTEGER,
        maxPerDay: 1,
        maxAmountPerMonth: Number.MAX_SAFE_INTEGER,
        enabled: true,
      },
    });
    if (put.status === 200) {
      // What the server runs after the terminal's next debit.
      await evaluateAutoTopUp(deps(), t.resellerId).catch(() => undefined);
    }
    // Current code: the sandbox charged 9,007,199,254,740,991, the grant overflowed the safe range and rolled back,
    // the purchase is left pending and its attempt in flight (every later top-up is suppressed) for good.
    const inFlight = await env.db.query(
      "SELECT 1 FROM auto_topup_attempts WHERE reseller_id = $1 AND outcome = 'in_flight'",
      [t.resellerId],
    );
    expect({ chargedNotGranted: await chargedNotGranted(t.resellerId), inFlight: inFlight.length }).toEqual({
      chargedNotGranted: [],
      inFlight: 0,
    });
  });

  it('a purchase id another reseller already used is still this reseller purchase (idempotency keys per reseller)', async () => {
    const pkg = await createCreditPackage(env.api, 1_000, 1_000);
    const a = await createTenant(env.api);
    const b = await createTenant(env.api);
    await addCard(env.api, a.token, CARDS.visa);
    await addCard(env.api, b.token, CARDS.visa);
    const purchaseId = uuidv7();
    const first = await env.api.call('POST', '/v1/terminal/wallet/purchases', {
      token: a.token,
      body: { purchaseId, packageId: pkg.id },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.status).toBe('succeeded');
    // The same UUIDv7 from another reseller's terminal (a cloned terminal image, or one that saw the id): it is a new
    // purchase of B, keyed by (reseller, id) in our database, so B's card must be charged and B granted.
    const second = await env.api.call('POST', '/v1/terminal/wallet/purchases', {
      token: b.token,
      body: { purchaseId, packageId: pkg.id },
    });
    // Current code: the provider's key is the bare purchase id, so B's charge is refused as a reused key (409) and
    // B's purchase stays pending for ever (every retry and every sweep fails the same way).
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.status).toBe('succeeded');
    const bal = await env.api.call('GET', '/v1/terminal/balance', { token: b.token });
    expect(bal.body.balance).toBe(1_000);
  });

  it('one purchase whose settling throws does not stop the sweeper from finishing other resellers purchases', async () => {
    const pkg = await createCreditPackage(env.api, 500, 500);
    const b = await createTenant(env.api);
    const c = await createTenant(env.api);
    for (const t of [b, c]) await addCard(env.api, t.token, CARDS.visa);
    const sandbox = new SandboxPsp(env.db);
    const crashing: WalletDeps = {
      db: env.db,
      now: Date.now,
      psp: {
        createSetupSession: (o) => sandbox.createSetupSession(o),
        getSetupSession: (id) => sandbox.getSetupSession(id),
        retrieveCharge: (k) => sandbox.retrieveCharge(k),
        charge: async (r) => {
          await sandbox.charge(r);
          throw new Error('crashed after the charge');
        },
      },
    };
    // Two purchases left pending by a crash right after the provider charged: B's first, then C's.
    const bId = uuidv7();
    await expect(buyPackage(crashing, b.resellerId, { purchaseId: bId, packageId: pkg.id })).rejects.toThrow(
      'crashed',
    );
    const cId = uuidv7();
    await expect(buyPackage(crashing, c.resellerId, { purchaseId: cId, packageId: pkg.id })).rejects.toThrow(
      'crashed',
    );
    expect(await chargedNotGranted(c.resellerId)).toHaveLength(1);

    // The sweeper of any instance, two minutes later. B's purchase throws every time it is settled, as the code
    // above makes it do for real: a provider key another reseller used (idempotency_key_reused), or a grant past the
    // safe range (RangeError in writeJournal). Here the provider refuses B's key.
    const later = () => Date.now() + 120_000;
    const sweeperDeps: WalletDeps = {
      db: env.db,
      now: later,
      psp: {
        createSetupSession: (o) => sandbox.createSetupSession(o),
        getSetupSession: (id) => sandbox.getSetupSession(id),
        retrieveCharge: (k) => sandbox.retrieveCharge(k),
        charge: async (r) => {
          if (r.idempotencyKey === pspChargeKey(b.resellerId, bId)) throw new Error('idempotency key reused');
          return sandbox.charge(r);
        },
      },
    };
    await sweepPendingPurchases(sweeperDeps, 60_000).catch(() => undefined);
    // Current code: the sweep throws at B's older purchase and never reaches C's: C's card is charged, C has no
    // credits, on every sweep of every instance, until B's purchase goes away (it never does).
    expect(await chargedNotGranted(c.resellerId)).toEqual([]);
    const bal = await env.api.call('GET', '/v1/terminal/balance', { token: c.token });
    expect(bal.body.balance).toBe(500);
  });

  it('a purchase pending when its card is deleted is not charged to the deleted card later', async () => {
    const pkg = await createCreditPackage(env.api, 700, 700);
    const t = await createTenant(env.api);
    const card = await addCard(env.api, t.token, CARDS.visa);
    const sandbox = new SandboxPsp(env.db);
    // The provider could not be reached (nothing charged): the purchase stays pending for the sweeper.
    const unreachable: WalletDeps = {
      db: env.db,
      now: Date.now,
      psp: {
        createSetupSession: (o) => sandbox.createSetupSession(o),
        getSetupSession: (id) => sandbox.getSetupSession(id),
        retrieveCharge: (k) => sandbox.retrieveCharge(k),
        charge: () => Promise.reject(new Error('connect ETIMEDOUT')),
      },
    };
    const purchaseId = uuidv7();
    await expect(buyPackage(unreachable, t.resellerId, { purchaseId, packageId: pkg.id })).rejects.toThrow(
      'ETIMEDOUT',
    );
    expect(
      await env.db.query('SELECT 1 FROM psp_sandbox_charges WHERE idempotency_key = $1', [
        pspChargeKey(t.resellerId, purchaseId),
      ]),
    ).toHaveLength(0);
    // The manager deletes the card ("auto top-up turns off"; the card is gone from the wallet).
    const del = await env.api.call('DELETE', `/v1/terminal/wallet/payment-methods/${card.id}`, {
      token: t.token,
    });
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    // What the sweeper does for this row (called directly: other tests of this file leave purchases that stop a
    // whole sweep, see above).
    const settled = await completePurchase(deps(), t.resellerId, purchaseId);
    // Nothing was charged and the card is gone: the purchase is closed as failed, not left pending for ever.
    expect(settled).toMatchObject({
      status: 'failed',
      declineCode: 'payment_method_deleted',
      balanceAfter: null,
    });
    // Current code: the sweeper charges the stored token of the deleted card (the purchase row keeps psp_token and
    // nothing tells the provider the card was removed), minutes after the reseller deleted it.
    const charged = await env.db.query('SELECT 1 FROM psp_sandbox_charges WHERE idempotency_key = $1', [
      pspChargeKey(t.resellerId, purchaseId),
    ]);
    expect(charged).toHaveLength(0);
  });

  it('a manual purchase in flight counts as the wallet purchase in flight: auto top-up does not buy a second time', async () => {
    const pkg = await createCreditPackage(env.api, 5_000, 5_000);
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.visa);
    const sandbox = new SandboxPsp(env.db);
    // The manager's purchase reached no answer from the provider yet (left pending for the sweeper).
    const slow: WalletDeps = {
      db: env.db,
      now: Date.now,
      psp: {
        createSetupSession: (o) => sandbox.createSetupSession(o),
        getSetupSession: (id) => sandbox.getSetupSession(id),
        retrieveCharge: (k) => sandbox.retrieveCharge(k),
        charge: () => Promise.reject(new Error('provider timeout')),
      },
    };
    await expect(buyPackage(slow, t.resellerId, { purchaseId: uuidv7(), packageId: pkg.id })).rejects.toThrow(
      'timeout',
    );
    const rule = await env.api.call('PUT', '/v1/terminal/wallet/auto-topup-rules/USD', {
      token: t.token,
      body: { threshold: 1_000, amount: 5_000, maxPerDay: 5, maxAmountPerMonth: 100_000, enabled: true },
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(200);
    // The next debit's hook (the balance, 0, is under the threshold).
    await evaluateAutoTopUp(deps(), t.resellerId);
    const inFlight = await env.db.query(
      "SELECT source FROM wallet_purchases WHERE reseller_id = $1 AND status IN ('pending', 'succeeded')",
      [t.resellerId],
    );
    // Current code: the unique index covers auto top-up attempts only; a second purchase is charged at once and the
    // wallet receives both (10,000 credits for one dip under the threshold).
    expect(inFlight).toHaveLength(1);
  });
});
