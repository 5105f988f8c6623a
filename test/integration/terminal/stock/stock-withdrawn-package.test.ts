import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleCreateOutcome } from '../../../../core/contract/types/sales';
import type { LocalBalance, SyncReport } from '../../../../core/contract/types/sync';
import type { Package } from '../../../../core/sync/protocol';
import { uuidv7 } from '../../../../core/uuidv7';
import { updatePackage } from '../../../../server/catalog/package-service';
import type { RunningServer } from '../../../../server/start-server';
import { seedReseller, serverBalance, startCentral } from '../support/central-api';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../support/terminal-harness';

describe('stock of a package the operator deactivates, at the terminal (real SQLite, real central API)', () => {
  const serverDir = tempDir('stock-withdrawn-central');
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

  it('a sale made offline before the terminal heard is honoured; the tile stays while stock is left; nothing held is credited back', async () => {
    const seed = await seedReseller(server, { credits: 10_000, wholesale: 90, retail: 100 });
    const dir = tempDir('stock-withdrawn');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      await call(s, 'stock.purchase', { packageId: seed.pkg.id, quantity: 2, purchaseId: uuidv7() });
      // The purchase answer's balance is stored at once (with its feed seq).
      expect((await call<LocalBalance>(s, 'ledger.balance')).serverBalance).toBe(10_000 - 180);
      // Offline, the terminal sells one unit; meanwhile the operator withdraws the package.
      proxy.mode = { kind: 'down' };
      const offline = await call<SaleCreateOutcome>(s, 'stock.sell', {
        packageId: seed.pkg.id,
        customerAccount: '+15550007007',
        quantity: 1,
      });
      expect(offline.outcome).toBe('queued');
      await updatePackage(server.db, seed.pkg.id, { active: false });
      proxy.mode = { kind: 'pass' };
      expect((await call<SyncReport>(s, 'sync.now')).ok).toBe(true);
      const synced = await call<{ status: string }>(s, 'sales.get', { saleId: offline.sale!.id });
      expect(synced.status).toBe('confirmed');
      // The tile of the withdrawn package stays while this terminal holds some of it, sold from stock only.
      const tiles = await call<Package[]>(s, 'catalog.packages');
      expect(tiles.find((p) => p.id === seed.pkg.id)).toMatchObject({ active: false });
      const last = await call<SaleCreateOutcome>(s, 'stock.sell', {
        packageId: seed.pkg.id,
        customerAccount: '+15550007008',
        quantity: 1,
      });
      expect(last.outcome).toBe('confirmed');
      expect((await call<Package[]>(s, 'catalog.packages')).some((p) => p.id === seed.pkg.id)).toBe(false);
      // Nothing was unallocated, so nothing was credited back: the shop paid for 2 and sold 2.
      expect(await serverBalance(server, seed.resellerId)).toBe(10_000 - 180);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a unit bought before a price change is sold at the version the terminal shows and recorded at the lot bought', async () => {
    const seed = await seedReseller(server, { credits: 10_000, wholesale: 90, retail: 100 });
    const dir = tempDir('stock-lot-price');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      await call(s, 'stock.purchase', { packageId: seed.pkg.id, quantity: 1, purchaseId: uuidv7() });
      await updatePackage(server.db, seed.pkg.id, { faceValue: 600, wholesalePrice: 500, retailPrice: 600 });
      expect((await call<SyncReport>(s, 'sync.now')).ok).toBe(true);
      const sold = await call<SaleCreateOutcome>(s, 'stock.sell', {
        packageId: seed.pkg.id,
        customerAccount: '+15550007009',
        quantity: 1,
      });
      expect(sold).toMatchObject({ outcome: 'confirmed', sale: { retailAmount: 600 } });
      expect((await call<SyncReport>(s, 'sync.now')).ok).toBe(true);
      // The server priced it from the lot (wholesale 90, face 100), and the terminal took that from the feed.
      const synced = await call<{ wholesaleAmount: number }>(s, 'sales.get', { saleId: sold.sale!.id });
      expect(synced.wholesaleAmount).toBe(90);
      const [grant] = await server.db.query<{ amount: string }>(
        `SELECT g.amount::text AS amount FROM sales x JOIN grants g ON g.reseller_id = x.reseller_id AND g.id = x.grant_id
          WHERE x.id = $1`,
        [sold.sale!.id],
      );
      expect(Number(grant!.amount)).toBe(100);
      expect(await serverBalance(server, seed.resellerId)).toBe(10_000 - 90);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
