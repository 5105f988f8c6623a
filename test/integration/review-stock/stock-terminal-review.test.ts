import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { StockOverview } from '../../../core/contract/types/stock';
import type { LocalBalance, SyncReport } from '../../../core/contract/types/sync';
import type { StockPurchaseResult } from '../../../core/contract/types/stock';
import { uuidv7 } from '../../../core/uuidv7';
import { updatePackage } from '../../../server/catalog/package-service';
import type { RunningServer } from '../../../server/start-server';
import { seedReseller, serverBalance, startCentral } from '../terminal/support/central-api';
import { startFaultProxy } from '../terminal/support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../terminal/support/terminal-harness';

/** What a contract call failed with, or the value it answered. */
async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await p };
  } catch (err) {
    return { ok: false, code: (err as { code: string }).code };
  }
}

describe('review: inventory stock at the terminal (real SQLite, real central API)', () => {
  const serverDir = tempDir('review-stock-central');
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCentral(serverDir);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(serverDir, { recursive: true, force: true });
  });

  it('T1: a retried stock.sell with the same saleId but another package, account and quantity answers the first sale as if it were this one', async () => {
    const seed = await seedReseller(server, { credits: 10_000 });
    const dir = tempDir('review-stock-t1');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, server.url, seed.code);
      await call(s, 'stock.purchase', { packageId: seed.pkg.id, quantity: 5, purchaseId: uuidv7() });
      const saleId = uuidv7();
      const first = await call<SaleCreateOutcome>(s, 'stock.sell', {
        packageId: seed.pkg.id,
        customerAccount: '+15550001001',
        quantity: 1,
        saleId,
      });
      expect(first.sale?.quantity).toBe(1);
      // The same id for a different sale: sales.create refuses this (sale_id_reused); stock.sell answers the
      // first sale (1 unit to another customer) and the clerk is told this 3-unit sale went through.
      const second = await settle(
        call<SaleCreateOutcome>(s, 'stock.sell', {
          packageId: seed.pkg.id,
          customerAccount: '+15550002002',
          quantity: 3,
          saleId,
        }),
      );
      expect(
        second.ok ? { outcome: second.value.outcome, sale: second.value.sale?.quantity } : second,
      ).toEqual({
        ok: false,
        code: 'sale_id_reused',
      });
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('T2: stock the shop paid for becomes unsellable and unrefundable once the operator deactivates its package', async () => {
    const seed = await seedReseller(server, { credits: 10_000, wholesale: 90, retail: 100 });
    const dir = tempDir('review-stock-t2');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, server.url, seed.code);
      await call(s, 'stock.purchase', { packageId: seed.pkg.id, quantity: 3, purchaseId: uuidv7() });
      expect(await serverBalance(server, seed.resellerId)).toBe(10_000 - 270);
      await updatePackage(server.db, seed.pkg.id, { active: false });
      expect((await call<SyncReport>(s, 'sync.now')).ok).toBe(true);
      const levels = await call<StockOverview>(s, 'stock.levels');
      expect(levels.items.find((i) => i.packageId === seed.pkg.id)).toMatchObject({ left: 3 });
      // The 3 prepaid units: the counter refuses to sell them (package_inactive), giving them back only returns
      // them to the shop's pool of the same dead package, and nothing credits the 270 back.
      const sold = await settle(
        call<SaleCreateOutcome>(s, 'stock.sell', {
          packageId: seed.pkg.id,
          customerAccount: '+15550003003',
          quantity: 1,
        }),
      );
      expect(
        sold.ok ? 'sold' : sold.code,
        'prepaid stock of a withdrawn package is honoured (or credited back)',
      ).toBe('sold');
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('T3: a purchase whose follow-up pull fails leaves the pre-purchase balance as "last known", and offline credit sales spend credits already gone', async () => {
    const seed = await seedReseller(server, { credits: 1_000, wholesale: 90, retail: 100 });
    const proxy = await startFaultProxy(server.url);
    const dir = tempDir('review-stock-t3');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      expect((await call<LocalBalance>(s, 'ledger.balance')).serverBalance).toBe(1_000);
      // The purchase goes through; the sync right after it does not (a flaky link).
      proxy.decide = (path) =>
        path.startsWith('/v1/terminal/sync') ? { status: 503, body: '{"code":"unavailable"}' } : null;
      const bought = await call<StockPurchaseResult>(s, 'stock.purchase', {
        packageId: seed.pkg.id,
        quantity: 10,
        purchaseId: uuidv7(),
      });
      expect(bought.resellerBalance).toBe(100);
      expect(await serverBalance(server, seed.resellerId)).toBe(100);
      // The terminal was told the balance is 100, yet still counts on 1000.
      const known = await call<LocalBalance>(s, 'ledger.balance');
      // Then offline: a credit sale of 5 (450 of credits) is honoured against credits the purchase already spent.
      proxy.decide = null;
      proxy.mode = { kind: 'down' };
      const sale = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550006006',
        quantity: 5,
      });
      // Back online: the server honours what the counter honoured, and the shop's credits go below zero.
      proxy.mode = { kind: 'pass' };
      await call<SyncReport>(s, 'sync.now');
      const after = await serverBalance(server, seed.resellerId);
      expect({ serverBalance: known.serverBalance, offlineSale: sale.outcome, after }).toEqual({
        serverBalance: 100,
        offlineSale: 'refused',
        after: 100,
      });
    } finally {
      await s.close();
      await proxy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
