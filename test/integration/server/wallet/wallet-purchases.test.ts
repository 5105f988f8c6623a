/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../core/uuidv7';
import { SandboxPsp } from '../../../../server/psp/sandbox-psp';
import { insertPurchase, pspChargeKey, sweepPendingPurchases } from '../../../../server/wallet/purchases';
import {
  readFeed,
  TEST_OPERATOR_KEY,
  createTenant,
  ledgerViolations,
  pullToEnd,
  type ApiClient,
  useTestServer,
} from '../api-harness';
import { serverBackends } from '../server-backends';
import {
  CARDS,
  addCard,
  cardNumberForms,
  createCreditPackage,
  dumpDatabase,
  futureExpiry,
  putRule,
  submitCardForm,
} from './wallet-fixtures';

/** Wraps a client so every answer's text is kept, to grep for card numbers afterwards. */
function recording(api: ApiClient, seen: string[]): ApiClient {
  return {
    url: api.url,
    async call(method, path, opts) {
      const r = await api.call(method, path, opts);
      seen.push(JSON.stringify(r.body));
      return r;
    },
  };
}

describe.each(serverBackends())(
  'reseller wallet: cards, packages, purchases, transfers ($name)',
  (backend) => {
    const env = useTestServer(backend, { isolated: true });
    const responses: string[] = [];
    const logged: string[] = [];
    const restore: (() => void)[] = [];
    let api: ApiClient;
    beforeAll(() => {
      api = recording(env.api, responses);
      // The server runs in this process: whatever it writes to stdout or stderr is its log.
      for (const stream of [process.stdout, process.stderr]) {
        const write = stream.write.bind(stream);
        stream.write = ((chunk: unknown, ...rest: unknown[]) => {
          logged.push(String(chunk));
          return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
        }) as typeof stream.write;
        restore.push(() => (stream.write = write));
      }
    });
    afterAll(() => restore.forEach((f) => f()));

    it('saves a card through the hosted page (token, brand, last4, expiry only) and replaces it, keeping the rule', async () => {
      const t = await createTenant(api);
      const setup = await api.call('POST', '/v1/terminal/wallet/payment-methods/setup', { token: t.token });
      expect(setup.status).toBe(201);
      expect(setup.body.hostedUrl.startsWith(`${env.api.url}/psp-sandbox/setup/`)).toBe(true);
      const pending = await api.call(
        'GET',
        `/v1/terminal/wallet/payment-methods/setup/${setup.body.setupId}`,
        {
          token: t.token,
        },
      );
      expect(pending.body).toEqual({ setupId: setup.body.setupId, status: 'pending', paymentMethod: null });
      const form = await (await fetch(setup.body.hostedUrl)).text();
      expect(form).toContain('name="number"');
      // Refusals: a wrong digit (Luhn), an expired card, a bad CVC; the page never echoes the number.
      const bad = await submitCardForm(setup.body.hostedUrl, {
        number: '4242424242424241',
        expiry: futureExpiry(),
        cvc: '123',
      });
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('not valid');
      expect(bad.html).not.toContain('4242424242424241');
      const expired = await submitCardForm(setup.body.hostedUrl, {
        number: CARDS.visa,
        expiry: '01/20',
        cvc: '123',
      });
      expect(expired.html).toContain('expired');
      const cvc = await submitCardForm(setup.body.hostedUrl, {
        number: CARDS.visa,
        expiry: futureExpiry(),
        cvc: 'x',
      });
      expect(cvc.status).toBe(400);
      const ok = await submitCardForm(setup.body.hostedUrl, {
        number: CARDS.visa,
        expiry: futureExpiry(),
        cvc: '123',
      });
      expect(ok.status).toBe(200);
      expect(ok.html).toContain('Visa ending 4242');
      expect(ok.html).toContain('close this window');
      const again = await submitCardForm(setup.body.hostedUrl, {
        number: CARDS.visa,
        expiry: futureExpiry(),
        cvc: '123',
      });
      expect(again.status).toBe(409);
      responses.push(form, bad.html, expired.html, cvc.html, ok.html, again.html); // the hosted pages too
      const done = await api.call('GET', `/v1/terminal/wallet/payment-methods/setup/${setup.body.setupId}`, {
        token: t.token,
      });
      expect(done.body).toMatchObject({
        status: 'completed',
        paymentMethod: { brand: 'visa', last4: '4242' },
      });
      expect(Object.keys(done.body.paymentMethod).sort()).toEqual(
        ['brand', 'createdAt', 'expMonth', 'expYear', 'id', 'last4'].sort(),
      );

      const rule = await putRule(api, t.resellerId, {
        threshold: 1000,
        amount: 5000,
        maxPerDay: 3,
        maxAmountPerMonth: 50_000,
        enabled: true,
      });
      const second = await addCard(api, t.token, CARDS.mastercard);
      expect(second).toMatchObject({ brand: 'mastercard', last4: '4444' });
      const list = await api.call('GET', '/v1/terminal/wallet/payment-methods', { token: t.token });
      expect(list.body.paymentMethods).toEqual([second]);
      const rules = await api.call('GET', '/v1/terminal/wallet/auto-topup-rules', { token: t.token });
      expect(rules.body.rules).toEqual([{ ...rule }]);

      // Deleting the card turns auto top-up off; a new card keeps it off until a person enables it.
      const del = await api.call('DELETE', `/v1/terminal/wallet/payment-methods/${second.id}`, {
        token: t.token,
      });
      expect(del.body).toEqual({ deleted: true, autoTopUpDisabled: true });
      const delAgain = await api.call('DELETE', `/v1/terminal/wallet/payment-methods/${second.id}`, {
        token: t.token,
      });
      expect(delAgain.status).toBe(404);
      expect(delAgain.body).toMatchObject({ code: 'not_found', message: 'no such payment method' });
      const noSetup = await api.call('GET', `/v1/terminal/wallet/payment-methods/setup/${uuidv7()}`, {
        token: t.token,
      });
      expect(noSetup.status).toBe(404);
      expect(noSetup.body).toMatchObject({ code: 'not_found', message: 'no such payment method setup' });
      await addCard(api, t.token, CARDS.visa);
      const after = await api.call('GET', '/v1/terminal/wallet/auto-topup-rules', { token: t.token });
      expect(after.body.rules[0]).toMatchObject({
        threshold: 1000,
        amount: 5000,
        enabled: false,
        disabledReason: 'payment_method_deleted',
      });
      const pulled = await readFeed(api, t.token);
      const notices = pulled.changes
        .filter((c: any) => c.kind === 'wallet_notice')
        .map((c: any) => c.data.type);
      expect(notices).toContain('auto_topup_disabled');
    });

    it('buys a package: charges once, grants once, a replay answers the first result', async () => {
      const t = await createTenant(api);
      const pkg = await createCreditPackage(api, 10_000, 9_500);
      const listed = await api.call('GET', '/v1/terminal/wallet/packages', { token: t.token });
      expect(listed.body.packages.map((p: any) => p.id)).toContain(pkg.id);
      const noCard = await api.call('POST', '/v1/terminal/wallet/purchases', {
        token: t.token,
        body: { purchaseId: uuidv7(), packageId: pkg.id },
      });
      expect(noCard.body.code).toBe('no_payment_method');
      await addCard(api, t.token, CARDS.visa);
      const purchaseId = uuidv7();
      const bought = await api.call('POST', '/v1/terminal/wallet/purchases', {
        token: t.token,
        body: { purchaseId, packageId: pkg.id },
      });
      expect(bought.status, JSON.stringify(bought.body)).toBe(200);
      expect(bought.body).toMatchObject({
        status: 'succeeded',
        credits: 10_000,
        price: 9_500,
        balanceAfter: 10_000,
      });
      const replay = await api.call('POST', '/v1/terminal/wallet/purchases', {
        token: t.token,
        body: { purchaseId, packageId: pkg.id },
      });
      expect(replay.body).toEqual(bought.body);
      const other = await createCreditPackage(api, 500, 500);
      const misuse = await api.call('POST', '/v1/terminal/wallet/purchases', {
        token: t.token,
        body: { purchaseId, packageId: other.id },
      });
      expect(misuse.status).toBe(409);
      const charges = await env.db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM psp_sandbox_charges WHERE idempotency_key = $1',
        [pspChargeKey(t.resellerId, purchaseId)],
      );
      expect(charges[0]!.n).toBe('1');
      const bal = await api.call('GET', '/v1/terminal/balance', { token: t.token });
      expect(bal.body.balance).toBe(10_000);
      const purchases = await api.call('GET', '/v1/terminal/wallet/purchases?limit=5', { token: t.token });
      expect(purchases.body.purchases).toEqual([bought.body]);
      expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
    });

    it('records declines without credits, and retries a processing error with the same key', async () => {
      const pkg = await createCreditPackage(api, 2_000, 2_000);
      const declined = await createTenant(api);
      await addCard(api, declined.token, CARDS.insufficientFunds);
      const d = await api.call('POST', '/v1/terminal/wallet/purchases', {
        token: declined.token,
        body: { purchaseId: uuidv7(), packageId: pkg.id },
      });
      expect(d.body).toMatchObject({
        status: 'declined',
        declineCode: 'insufficient_funds',
        balanceAfter: null,
      });
      const bal = await api.call('GET', '/v1/terminal/balance', { token: declined.token });
      expect(bal.body.balance).toBe(0);

      const retry = await createTenant(api);
      await addCard(api, retry.token, CARDS.retryOnce);
      const purchaseId = uuidv7();
      const r = await api.call('POST', '/v1/terminal/wallet/purchases', {
        token: retry.token,
        body: { purchaseId, packageId: pkg.id },
      });
      expect(r.body).toMatchObject({ status: 'succeeded', balanceAfter: 2_000 });
      const rows = await env.db.query<{ status: string; attempts: number }>(
        'SELECT status, attempts FROM psp_sandbox_charges WHERE idempotency_key = $1',
        [pspChargeKey(retry.resellerId, purchaseId)],
      );
      expect(rows).toEqual([{ status: 'succeeded', attempts: 2 }]);
    });

    it('invoices a reseller on invoice collection and grants once when the invoice is paid', async () => {
      const t = await createTenant(api);
      const pkg = await createCreditPackage(api, 3_000, 2_900);
      const mode = await api.call('PUT', `/v1/operator/resellers/${t.resellerId}/collection`, {
        token: TEST_OPERATOR_KEY,
        body: { mode: 'invoice' },
      });
      expect(mode.body).toEqual({ mode: 'invoice' });
      const p = await api.call('POST', '/v1/terminal/wallet/purchases', {
        token: t.token,
        body: { purchaseId: uuidv7(), packageId: pkg.id },
      });
      expect(p.body).toMatchObject({ status: 'invoiced', balanceAfter: null });
      expect(p.body.invoiceId).toMatch(/^[0-9a-f-]{36}$/);
      const paid = await api.call('POST', `/v1/operator/invoices/${p.body.invoiceId}/pay`, {
        token: TEST_OPERATOR_KEY,
      });
      expect(paid.body).toMatchObject({ status: 'paid', balanceAfter: 3_000 });
      const twice = await api.call('POST', `/v1/operator/invoices/${p.body.invoiceId}/pay`, {
        token: TEST_OPERATOR_KEY,
      });
      expect(twice.body).toEqual(paid.body);
      const bal = await api.call('GET', '/v1/terminal/balance', { token: t.token });
      expect(bal.body.balance).toBe(3_000);
      // The reseller's journal names the invoice the credits came from.
      const journal = await api.call('GET', '/v1/terminal/journal?limit=5', { token: t.token });
      expect(journal.body.entries).toContainEqual(
        expect.objectContaining({ memo: `invoice ${p.body.invoiceId}`, amount: 3_000 }),
      );
      const unknown = await api.call('POST', `/v1/operator/invoices/${uuidv7()}/pay`, {
        token: TEST_OPERATOR_KEY,
      });
      expect(unknown.status).toBe(404);
      expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
    });

    it('finishes a purchase a crash left between charge and grant: no lost and no double credits', async () => {
      const t = await createTenant(api);
      await addCard(api, t.token, CARDS.visa);
      const psp = new SandboxPsp(env.db);
      const deps = { db: env.db, psp, now: Date.now };
      const tokens = await env.db.query<{ psp_token: string }>(
        'SELECT psp_token FROM payment_methods WHERE reseller_id = $1 AND deleted_at IS NULL',
        [t.resellerId],
      );
      const purchaseId = uuidv7();
      // The server recorded the purchase and the provider charged it; then the process died before the grant.
      await insertPurchase(env.db, t.resellerId, {
        id: purchaseId,
        packageId: null,
        source: 'manual',
        credits: 4_000,
        price: 4_000,
        currency: 'USD',
        status: 'pending',
        invoiceId: null,
        token: tokens[0]!.psp_token,
        createdAt: new Date(Date.now() - 120_000).toISOString(),
      });
      const charged = await psp.charge({
        idempotencyKey: pspChargeKey(t.resellerId, purchaseId),
        token: tokens[0]!.psp_token,
        amount: 4_000,
        currency: 'USD',
      });
      expect(charged.status).toBe('succeeded');
      expect(await sweepPendingPurchases(deps, 60_000)).toBeGreaterThanOrEqual(1);
      expect(await sweepPendingPurchases(deps, 60_000)).toBe(0);
      const list = await api.call('GET', '/v1/terminal/wallet/purchases', { token: t.token });
      expect(list.body.purchases[0]).toMatchObject({ purchaseId, status: 'succeeded', balanceAfter: 4_000 });
      const charges = await env.db.query<{ charge_id: string }>(
        'SELECT charge_id FROM psp_sandbox_charges WHERE idempotency_key = $1',
        [pspChargeKey(t.resellerId, purchaseId)],
      );
      expect(charges.map((c) => c.charge_id)).toEqual([charged.chargeId]);
      const bal = await api.call('GET', '/v1/terminal/balance', { token: t.token });
      expect(bal.body.balance).toBe(4_000);
      // The same key with another amount is refused by the provider.
      await expect(
        psp.charge({
          idempotencyKey: pspChargeKey(t.resellerId, purchaseId),
          token: tokens[0]!.psp_token,
          amount: 4_001,
          currency: 'USD',
        }),
      ).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    });

    it('moves credits to a direct affiliate only, never below zero, once per transfer id', async () => {
      const parent = await createTenant(api, { credits: 10_000 });
      const child = await createTenant(api, { parentId: parent.resellerId });
      const stranger = await createTenant(api);
      const affiliates = await api.call('GET', '/v1/terminal/wallet/affiliates', { token: parent.token });
      expect(affiliates.body.affiliates).toEqual([
        expect.objectContaining({ resellerId: child.resellerId, currency: 'USD', balance: 0 }),
      ]);
      const transferId = uuidv7();
      const body = { transferId, toResellerId: child.resellerId, amount: 2_500 };
      const moved = await api.call('POST', '/v1/terminal/wallet/transfers', { token: parent.token, body });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body).toMatchObject({
        fromResellerId: parent.resellerId,
        amount: 2_500,
        balanceAfter: 7_500,
      });
      const replay = await api.call('POST', '/v1/terminal/wallet/transfers', { token: parent.token, body });
      expect(replay.body).toEqual(moved.body);
      const changed = await api.call('POST', '/v1/terminal/wallet/transfers', {
        token: parent.token,
        body: { ...body, amount: 2_600 },
      });
      expect(changed.status).toBe(409);
      const notChild = await api.call('POST', '/v1/terminal/wallet/transfers', {
        token: parent.token,
        body: { transferId: uuidv7(), toResellerId: stranger.resellerId, amount: 1 },
      });
      expect(notChild.status).toBe(403);
      const upward = await api.call('POST', '/v1/terminal/wallet/transfers', {
        token: child.token,
        body: { transferId: uuidv7(), toResellerId: parent.resellerId, amount: 1 },
      });
      expect(upward.status).toBe(403);
      const tooMuch = await api.call('POST', '/v1/terminal/wallet/transfers', {
        token: parent.token,
        body: { transferId: uuidv7(), toResellerId: child.resellerId, amount: 7_501 },
      });
      expect(tooMuch.body.code).toBe('insufficient_credits');
      expect((await api.call('GET', '/v1/terminal/balance', { token: parent.token })).body.balance).toBe(
        7_500,
      );
      expect((await api.call('GET', '/v1/terminal/balance', { token: child.token })).body.balance).toBe(
        2_500,
      );
      // Both feeds carry the new balance.
      const childFeed = await readFeed(api, child.token);
      const last: any = childFeed.changes.filter((c: any) => c.kind === 'balance').pop();
      expect(last.data.balance).toBe(2_500);
      const entries = await env.db.query<{ reseller_id: string }>(
        "SELECT reseller_id FROM journal_entries WHERE kind = 'credit_transfer' AND memo = $1 ORDER BY reseller_id",
        [`transfer ${transferId}`],
      );
      expect(entries).toHaveLength(2); // one entry id, written in each reseller's journal
      expect(await ledgerViolations(env.db, [parent.resellerId, child.resellerId])).toEqual([]);
      const history = await api.call('GET', '/v1/terminal/wallet/balance-history?days=3', {
        token: parent.token,
      });
      expect(history.body.points).toHaveLength(3);
      expect(history.body.points[2]).toEqual({ day: new Date().toISOString().slice(0, 10), balance: 7_500 });
      expect(history.body.points[1].balance).toBe(0);
      const badDays = await api.call('GET', '/v1/terminal/wallet/balance-history?days=367', {
        token: parent.token,
      });
      expect(badDays.status).toBe(400);
      await pullToEnd(api, parent.token);
    });

    it('deleting a card with no auto top-up on says nothing about auto top-up to the terminals', async () => {
      const t = await createTenant(api);
      const card = await addCard(api, t.token, CARDS.visa);
      const del = await api.call('DELETE', `/v1/terminal/wallet/payment-methods/${card.id}`, {
        token: t.token,
      });
      expect(del.body).toEqual({ deleted: true, autoTopUpDisabled: false });
      const pulled = await readFeed(api, t.token);
      expect(pulled.changes.filter((c: any) => c.kind === 'wallet_notice')).toEqual([]);
    });

    it('an operator changes a credit package: resellers see the new name, credits and price', async () => {
      const pkg = await createCreditPackage(api, 700, 650);
      const changed = await api.call('PUT', `/v1/operator/credit-packages/${pkg.id.toUpperCase()}`, {
        token: TEST_OPERATOR_KEY,
        body: { name: 'Credits 800', credits: 800, price: 750, currency: 'USD' },
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body).toEqual({ ...pkg, name: 'Credits 800', credits: 800, price: 750 });
      const t = await createTenant(api);
      const listed = await api.call('GET', '/v1/terminal/wallet/packages', { token: t.token });
      expect(listed.body.packages).toContainEqual(changed.body);
      const unknown = await api.call('PUT', `/v1/operator/credit-packages/${uuidv7()}`, {
        token: TEST_OPERATOR_KEY,
        body: { name: 'Nobody', credits: 800, price: 750, currency: 'USD' },
      });
      expect(unknown.status).toBe(404);
    });

    it('refuses a package the balance cannot hold exactly, before charging the card', async () => {
      const pkg = await createCreditPackage(api, 500, 500);
      const t = await createTenant(api, { credits: Number.MAX_SAFE_INTEGER - 100 });
      await addCard(api, t.token, CARDS.visa);
      const purchaseId = uuidv7();
      const bought = await api.call('POST', '/v1/terminal/wallet/purchases', {
        token: t.token,
        body: { purchaseId, packageId: pkg.id },
      });
      expect(bought.status).toBe(400);
      expect(bought.body).toMatchObject({
        code: 'invalid_input',
        message: 'the wallet cannot hold these credits',
      });
      const charges = await env.db.query('SELECT 1 FROM psp_sandbox_charges WHERE idempotency_key = $1', [
        pspChargeKey(t.resellerId, purchaseId),
      ]);
      expect(charges).toEqual([]);
      expect((await api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance).toBe(
        Number.MAX_SAFE_INTEGER - 100,
      );
    });

    it('never stores, logs or answers a card number', async () => {
      const dump = await dumpDatabase(env.db);
      expect(dump).toContain('psp_sandbox_cards');
      const everything = [dump, responses.join('\n'), logged.join('')];
      for (const number of Object.values(CARDS)) {
        for (const form of cardNumberForms(number)) {
          for (const text of everything) expect(text.includes(form), `found ${form}`).toBe(false);
        }
      }
    });
  },
);
