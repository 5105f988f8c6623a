import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleCreateOutcome, SaleListItem } from '../../../../core/contract/types/sales';
import type { StockOverview, StockPurchaseResult } from '../../../../core/contract/types/stock';
import type { SyncReport } from '../../../../core/contract/types/sync';
import { uuidv7 } from '../../../../core/uuidv7';
import type { RunningServer } from '../../../../server/start-server';
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

describe('inventory stock at the terminal, over a real central API', () => {
  const serverDir = tempDir('stock-central');
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

  it('allocate N, sell N offline, the N+1th is refused before anything is written; sync once; a replay changes nothing', async () => {
    // Floor limits of zero: offline credit sales are impossible, stock sales need none.
    const seed = await seedReseller(server, {
      credits: 10_000,
      wholesale: 90,
      retail: 100,
      floorLimits: { perSaleMax: 0, totalOfflineMax: 0, maxHoursSinceSync: 24 },
    });
    const dir = tempDir('stock-terminal');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      const N = 4;
      const bought = await call<StockPurchaseResult>(s, 'stock.purchase', {
        packageId: seed.pkg.id,
        quantity: N,
        purchaseId: uuidv7(),
      });
      expect(bought).toMatchObject({
        quantity: N,
        wholesaleAmount: 90 * N,
        resellerBalance: 10_000 - 90 * N,
      });
      expect(bought.item).toMatchObject({ bought: N, allocated: N, sold: 0, left: N, low: true });
      const creditsAfterPurchase = await serverBalance(server, seed.resellerId);
      expect(creditsAfterPurchase).toBe(10_000 - 90 * N);

      // Offline.
      proxy.mode = { kind: 'down' };
      expect((await call<SyncReport>(s, 'sync.now')).ok).toBe(false);
      // A credit sale is refused offline by the floor limits of zero...
      const credit = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550007777',
        quantity: 1,
      });
      expect(credit.outcome).toBe('refused');
      // ...a stock sale is honoured: N of them, one at a time and two at once.
      const sold: SaleCreateOutcome[] = [];
      sold.push(
        await call<SaleCreateOutcome>(s, 'stock.sell', {
          packageId: seed.pkg.id,
          customerAccount: '+15550007777',
          quantity: 2,
        }),
      );
      for (let i = 2; i < N; i++)
        sold.push(
          await call<SaleCreateOutcome>(s, 'stock.sell', {
            packageId: seed.pkg.id,
            customerAccount: '+15550007777',
            quantity: 1,
          }),
        );
      expect(sold.map((o) => o.outcome)).toEqual(['queued', 'queued', 'queued']);
      const levels = await call<StockOverview>(s, 'stock.levels');
      expect(levels.items.find((i) => i.packageId === seed.pkg.id)).toMatchObject({ sold: N, left: 0 });

      // The N+1th is refused before anything is written: no sale row, no outbox command.
      const salesBefore = s.terminal.ledger.db.prepare('SELECT count(*) AS n FROM sales').get() as {
        n: number;
      };
      const outboxBefore = s.terminal.ledger.db.prepare('SELECT count(*) AS n FROM outbox').get() as {
        n: number;
      };
      const refused = await failure(
        call(s, 'stock.sell', { packageId: seed.pkg.id, customerAccount: '+15550007777', quantity: 1 }),
      );
      expect(refused.code).toBe('stock_short');
      expect(refused.message).toContain('No stock');
      expect(s.terminal.ledger.db.prepare('SELECT count(*) AS n FROM sales').get()).toEqual(salesBefore);
      expect(s.terminal.ledger.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual(outboxBefore);
      // Giving back more than is left is refused too.
      expect((await failure(call(s, 'stock.release', { packageId: seed.pkg.id, quantity: 1 }))).code).toBe(
        'stock_short',
      );

      // Back online: the sales sync exactly once, as activated, and move no credits.
      const seen: { push: string | null } = { push: null };
      proxy.onRequest = (path, body) => {
        if (path === '/v1/terminal/sync/push') seen.push = body.toString('utf8');
      };
      proxy.mode = { kind: 'pass' };
      expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: true });
      const rows = await server.db.query<{ status: string; from_stock: boolean; quantity: number }>(
        'SELECT status, from_stock, quantity FROM sales WHERE reseller_id = $1',
        [seed.resellerId],
      );
      expect(rows).toHaveLength(N - 1);
      expect(rows.reduce((n, r) => n + Number(r.quantity), 0)).toBe(N);
      expect(rows.every((r) => r.status === 'activated' && r.from_stock)).toBe(true);
      expect(await serverBalance(server, seed.resellerId)).toBe(creditsAfterPurchase);
      const [alloc] = await server.db.query<{ allocated: string; sold: string }>(
        'SELECT allocated::text, sold::text FROM stock_allocations WHERE reseller_id = $1',
        [seed.resellerId],
      );
      expect(alloc).toEqual({ allocated: String(N), sold: String(N) });
      for (const o of sold) {
        const item = await call<SaleListItem>(s, 'sales.get', { saleId: o.sale!.id });
        expect(item).toMatchObject({ syncState: 'synced', businessStatus: 'activated' });
      }

      // A replayed push (the same commands again, as after a lost answer) changes nothing.
      expect(seen.push).not.toBeNull();
      const replay = await fetch(`${server.url}/v1/terminal/sync/push`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${s.terminal.identity.token()}`,
        },
        body: seen.push!,
      });
      expect(replay.status).toBe(200);
      const answer = (await replay.json()) as { outcomes: { status: string }[] };
      expect(answer.outcomes.length).toBeGreaterThan(0);
      expect(answer.outcomes.every((o) => o.status === 'duplicate')).toBe(true);
      expect(
        await server.db.query('SELECT 1 FROM sales WHERE reseller_id = $1', [seed.resellerId]),
      ).toHaveLength(N - 1);
      const [again] = await server.db.query<{ sold: string }>(
        'SELECT sold::text FROM stock_allocations WHERE reseller_id = $1',
        [seed.resellerId],
      );
      expect(again!.sold).toBe(String(N));
    } finally {
      proxy.onRequest = null;
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a release is queued offline behind the sales and gives the unsold stock back to the shop', async () => {
    const seed = await seedReseller(server, { credits: 10_000 });
    const dir = tempDir('stock-release');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      await call(s, 'stock.purchase', { packageId: seed.pkg.id, quantity: 5, purchaseId: uuidv7() });
      proxy.mode = { kind: 'down' };
      expect((await call<SyncReport>(s, 'sync.now')).ok).toBe(false);
      await call(s, 'stock.sell', { packageId: seed.pkg.id, customerAccount: '+15550008888', quantity: 3 });
      const after = await call<StockOverview>(s, 'stock.release', { packageId: seed.pkg.id, quantity: 2 });
      expect(after.items[0]).toMatchObject({ allocated: 5, released: 2, sold: 3, left: 0 });
      proxy.mode = { kind: 'pass' };
      expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: true });
      const [pool] = await server.db.query<{ unallocated: string }>(
        'SELECT unallocated::text FROM stock_pools WHERE reseller_id = $1',
        [seed.resellerId],
      );
      expect(pool!.unallocated).toBe('2');
      const synced = await call<StockOverview>(s, 'stock.levels');
      expect(synced.items[0]).toMatchObject({
        bought: 5,
        unallocated: 2,
        allocated: 5,
        released: 2,
        sold: 3,
        left: 0,
      });
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
