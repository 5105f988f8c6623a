import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleCreateOutcome } from '../../../../core/contract/types/sales';
import type { StockOverview } from '../../../../core/contract/types/stock';
import type { SyncReport } from '../../../../core/contract/types/sync';
import { uuidv7 } from '../../../../core/uuidv7';
import type { RunningServer } from '../../../../server/start-server';
import { createEnrollmentCode } from '../../../../server/terminals/enrollment-service';
import { seedReseller, startCentral } from '../support/central-api';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../support/terminal-harness';

describe('stock moved between two terminals of a shop', () => {
  const serverDir = tempDir('stock2-central');
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCentral(serverDir);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(serverDir, { recursive: true, force: true });
  });

  it('a terminal gives stock back, a manager allocates it to another terminal, which then sells it', async () => {
    const seed = await seedReseller(server, { credits: 10_000 });
    const dirA = tempDir('stock2-a');
    const dirB = tempDir('stock2-b');
    const a = await openTerminal(dirA);
    const b = await openTerminal(dirB);
    try {
      await enrollAndSignIn(a, server.url, seed.code);
      const { code } = await createEnrollmentCode(server.db, seed.resellerId, {
        terminalName: null,
        floorLimits: { perSaleMax: 0, totalOfflineMax: 0, maxHoursSinceSync: 24 },
        expiresInHours: 1,
      });
      await enrollAndSignIn(b, server.url, code);
      const bId = b.terminal.identity.require().terminalId;

      await call(a, 'stock.purchase', { packageId: seed.pkg.id, quantity: 4, purchaseId: uuidv7() });
      const released = await call<StockOverview>(a, 'stock.release', { packageId: seed.pkg.id, quantity: 3 });
      expect(released.items[0]).toMatchObject({ allocated: 4, released: 3, left: 1 });
      expect(await call<SyncReport>(a, 'sync.now')).toMatchObject({ ok: true });
      const allocated = await call<StockOverview>(a, 'stock.allocate', {
        packageId: seed.pkg.id,
        terminalId: bId,
        quantity: 3,
        allocationId: uuidv7(),
      });
      expect(allocated.items[0]).toMatchObject({ bought: 4, left: 1 });
      // More than the shop holds unallocated: refused, and said so.
      await expect(
        call(a, 'stock.allocate', {
          packageId: seed.pkg.id,
          terminalId: bId,
          quantity: 1,
          allocationId: uuidv7(),
        }),
      ).rejects.toMatchObject({ code: 'stock_unavailable' });

      // B learns its allocation from the change feed and sells it, at most what it holds.
      expect(await call<SyncReport>(b, 'sync.now')).toMatchObject({ ok: true });
      const atB = await call<StockOverview>(b, 'stock.levels');
      expect(atB.items[0]).toMatchObject({ bought: 4, allocated: 3, sold: 0, left: 3, low: true });
      const sold = await call<SaleCreateOutcome>(b, 'stock.sell', {
        packageId: seed.pkg.id,
        customerAccount: '+15550003001',
        quantity: 3,
      });
      expect(sold.outcome).toBe('confirmed');
      await expect(
        call(b, 'stock.sell', { packageId: seed.pkg.id, customerAccount: '+15550003001', quantity: 1 }),
      ).rejects.toMatchObject({ code: 'stock_short' });

      // The threshold is a manager's setting; 0 turns the warning off. A clerk may neither set it nor buy stock.
      const quiet = await call<StockOverview>(a, 'stock.setLowThreshold', { threshold: 0 });
      expect(quiet).toMatchObject({ lowThreshold: 0 });
      expect(quiet.items[0]).toMatchObject({ left: 1, low: false });
      await call(a, 'clerks.create', { name: 'Cleo', pin: '135790', role: 'clerk' });
      const clerks = await call<{ id: string; name: string }[]>(a, 'clerks.list');
      await call(a, 'session.signOut');
      await call(a, 'session.signIn', { clerkId: clerks.find((c) => c.name === 'Cleo')!.id, pin: '135790' });
      await expect(call(a, 'stock.setLowThreshold', { threshold: 3 })).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(
        call(a, 'stock.purchase', { packageId: seed.pkg.id, quantity: 1, purchaseId: uuidv7() }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(call(a, 'stock.release', { packageId: seed.pkg.id, quantity: 1 })).rejects.toMatchObject({
        code: 'forbidden',
      });
      // A clerk sells from stock.
      const clerkSale = await call<SaleCreateOutcome>(a, 'stock.sell', {
        packageId: seed.pkg.id,
        customerAccount: '+15550003002',
        quantity: 1,
      });
      expect(clerkSale.outcome).toBe('confirmed');
    } finally {
      await a.close();
      await b.close();
      rmSync(dirA, { recursive: true, force: true });
      rmSync(dirB, { recursive: true, force: true });
    }
  });
});
