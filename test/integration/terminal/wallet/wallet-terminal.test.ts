import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../../core/contract/events';
import type { SaleCreateOutcome } from '../../../../core/contract/types/sales';
import type {
  WalletAffiliate,
  WalletNoticeItem,
  WalletPackages,
} from '../../../../core/contract/types/wallet';
import type {
  AutoTopUpRule,
  CreditTransfer,
  PaymentMethod,
  PaymentMethodSetup,
  PaymentMethodSetupStatus,
  Purchase,
  WalletAlertSettings,
} from '../../../../core/wallet/wallet-api';
import type { AppServices } from '../../../../main/app/app-services';
import type { RunningServer } from '../../../../server/start-server';
import { createReseller } from '../../../../server/resellers/reseller-service';
import { createCreditPackage } from '../../../../server/wallet/credit-packages';
import { seedReseller, serverBalance, startCentral } from '../support/central-api';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../support/terminal-harness';

/** The error a contract call failed with. */
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/** Types a test card on the sandbox's hosted page (what the clerk does in the new window). */
async function typeCardOnHostedPage(server: RunningServer, hostedUrl: string, number: string): Promise<void> {
  const path = new URL(hostedUrl).pathname;
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ number, expiry: '12/39', cvc: '123' }).toString(),
  });
  expect(res.status).toBe(200);
}

/** Adds a card through the contract: start, type it on the hosted page, then the status says completed. */
async function addCard(s: AppServices, server: RunningServer): Promise<PaymentMethod> {
  const setup = await call<PaymentMethodSetup>(s, 'wallet.startCardSetup');
  expect(setup.hostedUrl).toMatch(/^https?:\/\//);
  const pending = await call<PaymentMethodSetupStatus>(s, 'wallet.cardSetupStatus', {
    setupId: setup.setupId,
  });
  expect(pending.status).toBe('pending');
  await typeCardOnHostedPage(server, setup.hostedUrl, '4242424242424242');
  const done = await call<PaymentMethodSetupStatus>(s, 'wallet.cardSetupStatus', { setupId: setup.setupId });
  expect(done.status).toBe('completed');
  expect(done.paymentMethod).toMatchObject({ last4: '4242' });
  return done.paymentMethod!;
}

describe('the wallet at the terminal', () => {
  const serverDir = tempDir('wallet-central');
  let server: RunningServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await startCentral(serverDir);
    proxy = await startFaultProxy(server.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    rmSync(serverDir, { recursive: true, force: true });
  });

  it('stores each notice from the change feed once, announces it once, and keeps it across a restart', async () => {
    const seed = await seedReseller(server, { credits: 100_000, wholesale: 90, retail: 100 });
    const dir = tempDir('wallet-notices');
    let s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      const settings = await call<WalletAlertSettings>(s, 'wallet.setAlertSettings', {
        alertLevel: 99_950,
        webhookUrl: null,
      });
      expect(settings.alertLevel).toBe(99_950);
      const announced: EventMessage[] = [];
      s.events.subscribe((m) => {
        if (m.name === 'wallet.notice') announced.push(m);
      });
      // The sale takes the balance from 100,000 to 99,910: under the level, so the server alerts (once).
      const sold = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550007001',
      });
      expect(sold.outcome).toBe('confirmed');
      // The alert reaches the feed when the server has evaluated the debit: pull until it is there (progress, not time).
      let notices: WalletNoticeItem[] = [];
      for (let round = 0; round < 50 && notices.length === 0; round++) {
        await call(s, 'sync.now');
        notices = await call<WalletNoticeItem[]>(s, 'wallet.notices');
      }
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        type: 'balance_alert',
        currency: 'USD',
        resellerId: seed.resellerId,
      });
      // The event comes once the pull committed (after the current task).
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(announced.map((m) => (m.payload as WalletNoticeItem).noticeId)).toEqual([notices[0]!.noticeId]);

      // The feed read again from the start (a lost cursor) stores and announces nothing new.
      s.terminal.ledger.db.prepare("UPDATE sync_state SET cursor = '0'").run();
      await call(s, 'sync.now');
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(await call<WalletNoticeItem[]>(s, 'wallet.notices')).toEqual(notices);
      expect(announced).toHaveLength(1);

      // A restart keeps it (a clerk sees it too).
      await s.close();
      s = await openTerminal(dir);
      const clerks = await call<{ id: string; name: string }[]>(s, 'clerks.list');
      await call(s, 'session.signIn', {
        clerkId: clerks.find((c) => c.name === 'Manager')!.id,
        pin: '123456',
      });
      expect(await call<WalletNoticeItem[]>(s, 'wallet.notices')).toEqual(notices);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('buys a package once when its answer is lost, says so offline, and changes nothing then', async () => {
    const seed = await seedReseller(server, { credits: 10_000 });
    const pkg = await createCreditPackage(server.db, {
      name: `Credits ${seed.resellerId.slice(-6)}`,
      credits: 5_000,
      price: 5_000,
      currency: 'USD',
      active: true,
    });
    const dir = tempDir('wallet-buy');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      const card = await addCard(s, server);
      expect(await call<PaymentMethod[]>(s, 'wallet.paymentMethods')).toEqual([card]);
      const offered = await call<WalletPackages>(s, 'wallet.packages');
      expect(offered.packages.map((p) => p.id)).toContain(pkg.id);
      expect(offered.pendingPurchase).toBeNull();
      const before = await serverBalance(server, seed.resellerId);
      const purchaseRows = async (): Promise<number> =>
        Number(
          (
            await server.db.query<{ n: string }>(
              'SELECT COUNT(*)::text AS n FROM wallet_purchases WHERE reseller_id = $1',
              [seed.resellerId],
            )
          )[0]!.n,
        );

      // Offline: the terminal says so, and nothing is bought.
      proxy.mode = { kind: 'down' };
      const offline = await failure(call(s, 'wallet.buyPackage', { packageId: pkg.id }));
      expect(offline.code).toBe('offline');
      expect(offline.message).toMatch(/central API/);
      expect(await serverBalance(server, seed.resellerId)).toBe(before);
      expect(await purchaseRows()).toBe(0);
      const offlineRule = await failure(
        call(s, 'wallet.setAutoTopUpRule', {
          threshold: 1_000,
          amount: 5_000,
          maxPerDay: 2,
          maxAmountPerMonth: 20_000,
          enabled: true,
        }),
      );
      expect(offlineRule.code).toBe('offline');
      expect((await failure(call(s, 'wallet.history', {}))).code).toBe('offline');
      // The balance is local: it still answers, marked stale once the sync found the API gone.
      expect((await call<{ ok: boolean }>(s, 'sync.now')).ok).toBe(false);
      const stale = await call<{ stale: boolean; serverBalance: number }>(s, 'wallet.balance');
      expect(stale).toMatchObject({ stale: true, serverBalance: before });

      // The server buys, but the answer is lost: the purchase stays waiting with its id.
      proxy.mode = { kind: 'dropAfterResponse' };
      expect((await failure(call(s, 'wallet.buyPackage', { packageId: pkg.id }))).code).toBe('offline');
      expect(await serverBalance(server, seed.resellerId)).toBe(before + 5_000);
      proxy.mode = { kind: 'pass' };
      const waiting = await call<WalletPackages>(s, 'wallet.packages');
      expect(waiting.pendingPurchase).toMatchObject({ packageId: pkg.id });
      // Another package may not be bought meanwhile; the same one finishes the first purchase, charged once.
      const other = await createCreditPackage(server.db, {
        name: `Other ${seed.resellerId.slice(-6)}`,
        credits: 1_000,
        price: 1_000,
        currency: 'USD',
        active: true,
      });
      expect((await failure(call(s, 'wallet.buyPackage', { packageId: other.id }))).code).toBe(
        'purchase_pending',
      );
      expect(await serverBalance(server, seed.resellerId)).toBe(before + 5_000);
      const purchase = await call<Purchase>(s, 'wallet.buyPackage', { packageId: pkg.id });
      expect(purchase).toMatchObject({
        purchaseId: waiting.pendingPurchase!.purchaseId,
        status: 'succeeded',
        credits: 5_000,
      });
      expect(await serverBalance(server, seed.resellerId)).toBe(before + 5_000);
      expect(await purchaseRows()).toBe(1);
      expect((await call<WalletPackages>(s, 'wallet.packages')).pendingPurchase).toBeNull();

      // The history shows the purchase, filtered by kind; its CSV has the header and the row.
      const history = await call<{ items: { kind: string; amount: number }[] }>(s, 'wallet.history', {
        kind: 'credit_purchase',
      });
      expect(history.items.length).toBeGreaterThanOrEqual(1);
      expect(history.items.every((i) => i.kind === 'credit_purchase')).toBe(true);
      const csv = await call<{ csv: string; next: string | null; rows: number }>(s, 'wallet.historyCsv', {
        kind: 'credit_purchase',
      });
      expect(csv.csv.split('\r\n')[0]).toBe('date_utc,kind,memo,amount,currency,entry_id');
      expect(csv.rows).toBe(history.items.length);
      expect(csv.next).toBeNull();

      // A new purchase afterwards is a new one.
      const second = await call<Purchase>(s, 'wallet.buyPackage', { packageId: pkg.id });
      expect(second.purchaseId).not.toBe(purchase.purchaseId);
      expect(await serverBalance(server, seed.resellerId)).toBe(before + 10_000);
    } finally {
      proxy.mode = { kind: 'pass' };
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('moves credits to an affiliate once when the answer is lost, and never while another transfer waits', async () => {
    const seed = await seedReseller(server, { credits: 10_000 });
    const affiliate = await createReseller(server.db, {
      name: `Affiliate ${seed.resellerId.slice(-6)}`,
      currency: 'USD',
      parentId: seed.resellerId,
    });
    const dir = tempDir('wallet-transfer');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      expect(await call<WalletAffiliate[]>(s, 'wallet.affiliates')).toEqual([
        { resellerId: affiliate.id, name: affiliate.name, currency: 'USD', balance: 0 },
      ]);
      proxy.mode = { kind: 'down' };
      expect(
        (await failure(call(s, 'wallet.transfer', { toResellerId: affiliate.id, amount: 1_500 }))).code,
      ).toBe('offline');
      expect(await serverBalance(server, affiliate.id)).toBe(0);
      proxy.mode = { kind: 'dropAfterResponse' };
      expect(
        (await failure(call(s, 'wallet.transfer', { toResellerId: affiliate.id, amount: 1_500 }))).code,
      ).toBe('offline');
      proxy.mode = { kind: 'pass' };
      expect(await serverBalance(server, affiliate.id)).toBe(1_500);
      // A different transfer waits until the unanswered one is finished.
      expect(
        (await failure(call(s, 'wallet.transfer', { toResellerId: affiliate.id, amount: 700 }))).code,
      ).toBe('transfer_pending');
      const moved = await call<CreditTransfer>(s, 'wallet.transfer', {
        toResellerId: affiliate.id,
        amount: 1_500,
      });
      expect(moved).toMatchObject({
        fromResellerId: seed.resellerId,
        toResellerId: affiliate.id,
        amount: 1_500,
      });
      expect(await serverBalance(server, affiliate.id)).toBe(1_500);
      expect(await serverBalance(server, seed.resellerId)).toBe(8_500);
      // The answer pulled the feed: the balance card shows it.
      expect(await call<{ serverBalance: number }>(s, 'wallet.balance')).toMatchObject({
        serverBalance: 8_500,
      });
      // A refusal by the API (more than the balance) forgets the id: nothing waits afterwards.
      expect(
        (await failure(call(s, 'wallet.transfer', { toResellerId: affiliate.id, amount: 50_000 }))).code,
      ).toBe('insufficient_credits');
      const next = await call<CreditTransfer>(s, 'wallet.transfer', {
        toResellerId: affiliate.id,
        amount: 500,
      });
      expect(next.transferId).not.toBe(moved.transferId);
      expect(await serverBalance(server, affiliate.id)).toBe(2_000);
    } finally {
      proxy.mode = { kind: 'pass' };
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts the lower balance at once after a transfer, even when the pull that follows fails', async () => {
    const seed = await seedReseller(server, { credits: 10_000 });
    const affiliate = await createReseller(server.db, {
      name: `Affiliate ${seed.resellerId.slice(-6)}`,
      currency: 'USD',
      parentId: seed.resellerId,
    });
    const dir = tempDir('wallet-transfer-balance');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      expect(await call<{ serverBalance: number }>(s, 'wallet.balance')).toMatchObject({
        serverBalance: 10_000,
      });
      // The transfer goes through; every sync call after it fails.
      proxy.faultPathPrefix = '/v1/terminal/sync';
      proxy.mode = { kind: 'down' };
      const moved = await call<CreditTransfer>(s, 'wallet.transfer', {
        toResellerId: affiliate.id,
        amount: 6_000,
      });
      expect(moved.balanceAfter).toBe(4_000);
      expect(await serverBalance(server, seed.resellerId)).toBe(4_000);
      // What the offline rule reads is the balance the transfer answered, not the 10,000 of the last pull.
      expect(await call<{ serverBalance: number }>(s, 'wallet.balance')).toMatchObject({
        serverBalance: 4_000,
      });
    } finally {
      proxy.mode = { kind: 'pass' };
      proxy.faultPathPrefix = '/';
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets a clerk see the balance and notices only; every other wallet method needs a manager', async () => {
    const seed = await seedReseller(server, { credits: 1_000 });
    const dir = tempDir('wallet-clerk');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      const rule = await call<AutoTopUpRule>(s, 'wallet.setAutoTopUpRule', {
        threshold: 500,
        amount: 1_000,
        maxPerDay: 1,
        maxAmountPerMonth: 5_000,
        enabled: false,
      });
      expect(rule).toMatchObject({ currency: 'USD', threshold: 500, enabled: false });
      await call(s, 'clerks.create', { name: 'Ann', pin: '246810', role: 'clerk' });
      const clerks = await call<{ id: string; name: string }[]>(s, 'clerks.list');
      await call(s, 'session.signOut');
      await call(s, 'session.signIn', { clerkId: clerks.find((c) => c.name === 'Ann')!.id, pin: '246810' });

      expect(await call<{ serverBalance: number }>(s, 'wallet.balance')).toMatchObject({
        serverBalance: 1_000,
      });
      expect(await call(s, 'wallet.notices')).toEqual([]);
      const managerOnly: [string, unknown][] = [
        ['wallet.history', {}],
        ['wallet.historyCsv', {}],
        ['wallet.balanceHistory', {}],
        ['wallet.packages', {}],
        ['wallet.buyPackage', { packageId: seed.pkg.id }],
        ['wallet.paymentMethods', {}],
        ['wallet.startCardSetup', {}],
        ['wallet.cardSetupStatus', { setupId: seed.pkg.id }],
        ['wallet.deletePaymentMethod', { paymentMethodId: seed.pkg.id }],
        ['wallet.autoTopUpRules', {}],
        [
          'wallet.setAutoTopUpRule',
          { threshold: 1, amount: 1, maxPerDay: 1, maxAmountPerMonth: 1, enabled: true },
        ],
        ['wallet.autoTopUpAttempts', {}],
        ['wallet.alertSettings', {}],
        ['wallet.setAlertSettings', { alertLevel: 1, webhookUrl: null }],
        ['wallet.webhookDeliveries', {}],
        ['wallet.affiliates', {}],
        ['wallet.transfer', { toResellerId: seed.resellerId, amount: 1 }],
      ];
      for (const [name, input] of managerOnly) {
        expect({ name, code: (await failure(call(s, name, input))).code }).toEqual({
          name,
          code: 'forbidden',
        });
      }
      // Nothing changed: the rule is as the manager left it.
      const rows = await server.db.query<{ threshold: unknown; enabled: boolean }>(
        'SELECT threshold, enabled FROM auto_topup_rules WHERE reseller_id = $1',
        [seed.resellerId],
      );
      expect(rows).toHaveLength(1);
      expect(Number(rows[0]!.threshold)).toBe(500);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
