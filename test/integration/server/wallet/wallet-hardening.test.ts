// The wallet after its review (issue 11): behaviours the review noted without a failing test.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../core/uuidv7';
import { WEBHOOK_EVENT_ID_HEADER } from '../../../../core/wallet/wallet-api';
import { SandboxPsp } from '../../../../server/psp/sandbox-psp';
import { evaluateAutoTopUp } from '../../../../server/wallet/auto-topup';
import {
  buyPackage,
  PURCHASE_MAX_SWEEPS,
  purchaseRetryDelayMs,
  sweepPendingPurchases,
} from '../../../../server/wallet/purchases';
import type { WalletDeps } from '../../../../server/wallet/wallet-deps';
import { WebhookDeliveryWorker } from '../../../../server/wallet/webhook-delivery-worker';
import { queueWebhookEvent } from '../../../../server/wallet/webhook-outbox';
import { TEST_OPERATOR_KEY, createTenant, type TenantFixture, useTestServer } from '../api-harness';
import { serverBackends } from '../server-backends';
import { CARDS, addCard, createCreditPackage, putRule, withCharge } from './wallet-fixtures';

process.env.REFILL_WALLET_JOB_INTERVAL_MS = '0';
// The receiver listens on loopback: webhooks may point there only when the server allows it explicitly.
process.env.REFILL_WEBHOOK_ALLOW_PRIVATE = '1';

describe.each(serverBackends())('wallet hardening ($name)', (backend) => {
  const env = useTestServer(backend, { isolated: true });
  let hook: { server: Server; base: string; got: { path: string; id: string }[] };
  beforeAll(async () => {
    const got: { path: string; id: string }[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        got.push({ path: req.url ?? '', id: String(req.headers[WEBHOOK_EVENT_ID_HEADER]) });
        res.statusCode = 200;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    hook = { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got };
  });
  afterAll(() => new Promise<void>((r) => hook.server.close(() => r())));

  const deps = (now: () => number = Date.now): WalletDeps => ({
    db: env.db,
    psp: new SandboxPsp(env.db, now),
    now,
  });
  const setAlerts = (t: TenantFixture, webhookUrl: string | null) =>
    env.api.call('PUT', '/v1/terminal/wallet/alerts', {
      token: t.token,
      body: { alertLevel: 100, webhookUrl },
    });
  const queue = (t: TenantFixture): Promise<string> =>
    env.db.transaction(
      async (tx) =>
        (await queueWebhookEvent(tx, t.resellerId, 'wallet.balance_alert', { balance: 1 }, Date.now() - 1))!,
    );
  const outbox = async (t: TenantFixture, id: string) =>
    (
      await env.db.query<{ status: string; url: string; last_error: string | null }>(
        'SELECT status, url, last_error FROM webhook_outbox WHERE reseller_id = $1 AND id = $2',
        [t.resellerId, id],
      )
    )[0]!;

  it('auto top-up on invoice collection invoices instead of charging; the unpaid invoice is the purchase in flight', async () => {
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.visa);
    const mode = await env.api.call('PUT', `/v1/operator/resellers/${t.resellerId}/collection`, {
      token: TEST_OPERATOR_KEY,
      body: { mode: 'invoice' },
    });
    expect(mode.status).toBe(200);
    await putRule(env.api, t.resellerId, {
      threshold: 1_000,
      amount: 2_500,
      maxPerDay: 5,
      maxAmountPerMonth: 100_000,
      enabled: true,
    });
    expect(await evaluateAutoTopUp(deps(), t.resellerId)).not.toBeNull();
    expect(await evaluateAutoTopUp(deps(), t.resellerId)).toBeNull(); // the invoice is in flight
    const purchases = await env.db.query<{ id: string; status: string; invoice_id: string }>(
      'SELECT id, status, invoice_id FROM wallet_purchases WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(purchases.map((p) => p.status)).toEqual(['invoiced']);
    const charges = await env.db.query(
      `SELECT 1 FROM psp_sandbox_charges c JOIN payment_methods m ON m.psp_token = c.token
        WHERE m.reseller_id = $1`,
      [t.resellerId],
    );
    expect(charges).toHaveLength(0);
    const paid = await env.api.call('POST', `/v1/operator/invoices/${purchases[0]!.invoice_id}/pay`, {
      token: TEST_OPERATOR_KEY,
    });
    expect(paid.body).toMatchObject({ status: 'paid', source: 'auto_topup', balanceAfter: 2_500 });
    const attempts = await env.db.query<{ outcome: string }>(
      'SELECT outcome FROM auto_topup_attempts WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(attempts.map((a) => a.outcome)).toEqual(['succeeded']);
  });

  it('a second manual purchase while one is pending is refused as in progress', async () => {
    const pkg = await createCreditPackage(env.api, 800, 800);
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.visa);
    const sandbox = new SandboxPsp(env.db);
    const down: WalletDeps = {
      db: env.db,
      now: Date.now,
      psp: withCharge(sandbox, () => Promise.reject(new Error('provider down'))),
    };
    await expect(buyPackage(down, t.resellerId, { purchaseId: uuidv7(), packageId: pkg.id })).rejects.toThrow(
      'provider down',
    );
    const second = await env.api.call('POST', '/v1/terminal/wallet/purchases', {
      token: t.token,
      body: { purchaseId: uuidv7(), packageId: pkg.id },
    });
    expect(second.status).toBe(409);
  });

  it('the sweeper backs a failing purchase off and marks it failed after its last try, nothing charged', async () => {
    const pkg = await createCreditPackage(env.api, 900, 900);
    const t = await createTenant(env.api);
    await addCard(env.api, t.token, CARDS.visa);
    const sandbox = new SandboxPsp(env.db);
    let clock = Date.now();
    const down: WalletDeps = {
      db: env.db,
      now: () => clock,
      psp: withCharge(sandbox, () => Promise.reject(new Error('provider down'))),
    };
    const purchaseId = uuidv7();
    await expect(buyPackage(down, t.resellerId, { purchaseId, packageId: pkg.id })).rejects.toThrow('down');
    clock += 120_000;
    for (let i = 1; i <= PURCHASE_MAX_SWEEPS; i++) {
      await sweepPendingPurchases(down, 60_000);
      // Not due again before its backoff has passed.
      const row = (
        await env.db.query<{ status: string; attempts: number; last_error: string | null }>(
          'SELECT status, attempts, last_error FROM wallet_purchases WHERE reseller_id = $1 AND id = $2',
          [t.resellerId, purchaseId],
        )
      )[0]!;
      if (i < PURCHASE_MAX_SWEEPS) {
        expect(row).toMatchObject({ status: 'pending', attempts: i, last_error: 'provider down' });
        expect(await sweepPendingPurchases(down, 60_000)).toBe(0);
        clock += purchaseRetryDelayMs(i);
      } else {
        expect(row.status).toBe('failed');
      }
    }
  });

  it('queued events go to the URL current at delivery, and are dropped once the URL is cleared', async () => {
    const t = await createTenant(env.api);
    expect((await setAlerts(t, `${hook.base}/old`)).status).toBe(200);
    const moved = await queue(t);
    expect((await setAlerts(t, `${hook.base}/new`)).status).toBe(200);
    await new WebhookDeliveryWorker({ db: env.db }).runOnce();
    expect(hook.got.filter((g) => g.id === moved).map((g) => g.path)).toEqual(['/new']);
    expect(await outbox(t, moved)).toMatchObject({ status: 'delivered', url: `${hook.base}/new` });

    const dropped = await queue(t);
    expect((await setAlerts(t, null)).status).toBe(200);
    await new WebhookDeliveryWorker({ db: env.db }).runOnce();
    expect(hook.got.filter((g) => g.id === dropped)).toEqual([]);
    expect(await outbox(t, dropped)).toMatchObject({ status: 'failed' });
  });

  it('refuses a non-public address at delivery too (a URL stored before the check, or a name resolving inward)', async () => {
    const t = await createTenant(env.api);
    expect((await setAlerts(t, `${hook.base}/ok`)).status).toBe(200);
    const id = await queue(t);
    await env.db.query('UPDATE wallet_settings SET webhook_url = $2 WHERE reseller_id = $1', [
      t.resellerId,
      'https://10.0.0.1/hook',
    ]);
    await new WebhookDeliveryWorker({ db: env.db, backoffMs: () => 0 }).runOnce();
    expect(await outbox(t, id)).toMatchObject({ status: 'pending' });
    expect((await outbox(t, id)).last_error).toMatch(/public/);
  });

  it('webhook URLs: loopback only with REFILL_WEBHOOK_ALLOW_PRIVATE, bounded length, no control characters', async () => {
    const t = await createTenant(env.api);
    process.env.REFILL_WEBHOOK_ALLOW_PRIVATE = '0';
    try {
      for (const url of [
        'http://127.0.0.1:5432/',
        'https://127.0.0.1:22/',
        'https://localhost/',
        'https://intranet/',
      ]) {
        expect((await setAlerts(t, url)).status, url).toBe(400);
      }
    } finally {
      process.env.REFILL_WEBHOOK_ALLOW_PRIVATE = '1';
    }
    expect((await setAlerts(t, `https://hooks.example.com/${'a'.repeat(2_100)}`)).status).toBe(400);
    expect((await setAlerts(t, 'https://hooks.example.com/a\tb')).status).toBe(400);
    expect((await setAlerts(t, 'https://hooks.example.com/refill')).status).toBe(200);
  });

  it('credit packages: known currencies and bounded amounts only', async () => {
    const post = (body: unknown) =>
      env.api.call('POST', '/v1/operator/credit-packages', { token: TEST_OPERATOR_KEY, body });
    expect((await post({ name: 'Z', credits: 100, price: 100, currency: 'ZZZ' })).status).toBe(400);
    expect((await post({ name: 'Big', credits: 10 ** 13, price: 100, currency: 'USD' })).status).toBe(400);
    expect((await post({ name: 'Euro', credits: 100, price: 100, currency: 'EUR' })).status).toBe(201);
  });

  it('the hosted card page cannot be framed, and refuses an expiry decades ahead', async () => {
    const t = await createTenant(env.api);
    const setup = await env.api.call('POST', '/v1/terminal/wallet/payment-methods/setup', { token: t.token });
    const page = await fetch(setup.body.hostedUrl);
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const posted = await fetch(setup.body.hostedUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ number: CARDS.visa, expiry: '12/9999', cvc: '123' }).toString(),
    });
    expect(posted.status).toBe(400);
    expect(posted.headers.get('x-frame-options')).toBe('DENY');
  });
});
