import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  SaleCreateOutcome,
  SaleListItem,
  SaleRefundResult,
  SalesTotals,
} from '../../../core/contract/types/sales';
import type { RunningServer } from '../../../server/start-server';
import { seedReseller, serverBalance, startCentral } from '../terminal/support/central-api';
import { startFaultProxy, type FaultProxy } from '../terminal/support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../terminal/support/terminal-harness';

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('review: terminal refund state after a lost answer', () => {
  const serverDir = tempDir('rr-central');
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

  it('a refund whose answer was lost is completed once the feed says the sale is refunded (cash back owed, receipt)', async () => {
    const seed = await seedReseller(server, { credits: 100_000, wholesale: 90, retail: 100 });
    const dir = tempDir('rr-terminal-a');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      const before = await serverBalance(server, seed.resellerId);
      const sold = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550007001',
        quantity: 1,
      });
      expect(sold.outcome).toBe('confirmed');
      const saleId = sold.sale!.id;

      // The server refunds, the answer is lost.
      proxy.faultPathPrefix = '/v1/terminal/sales/';
      proxy.mode = { kind: 'dropAfterResponse' };
      expect((await failure(call(s, 'sales.refund', { saleId }))).code).toBe('offline');
      expect(await serverBalance(server, seed.resellerId)).toBe(before);
      proxy.mode = { kind: 'pass' };
      proxy.faultPathPrefix = '';

      // The next sync pulls the feed: the sale is refunded on the server.
      await call(s, 'sync.now');
      const sale = await call<SaleListItem>(s, 'sales.get', { saleId });
      // The Refund panel (renderer/src/screens/sales/RefundPanel.tsx) only offers a refund while the business
      // status is 'purchased': from here on the manager has no button to retry with.
      expect(sale.businessStatus).toBe('refunded');

      // The server refunded the credits, so the terminal must know the cash it owes the customer: the refund is in the
      // day's totals and its receipt can be printed.
      const totals = await call<SalesTotals>(s, 'sales.totals');
      expect(totals.today.refunds.count).toBe(1);
      expect(totals.today.refunds.amount).toBe(100);
      const receipt = await call<{ fileName: string }>(s, 'receipts.renderRefund', { saleId });
      expect(receipt.fileName).toMatch(/^refund-RF-\d{6}\.pdf$/);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a 4xx from something in between on the retry does not forget a refund id the server may already have used', async () => {
    const seed = await seedReseller(server, { credits: 100_000, wholesale: 90, retail: 100 });
    const dir = tempDir('rr-terminal-b');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      const before = await serverBalance(server, seed.resellerId);
      const sold = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550007002',
        quantity: 1,
      });
      expect(sold.outcome).toBe('confirmed');
      const saleId = sold.sale!.id;

      // First try: applied on the server, answer lost.
      proxy.faultPathPrefix = '/v1/terminal/sales/';
      proxy.mode = { kind: 'dropAfterResponse' };
      expect((await failure(call(s, 'sales.refund', { saleId }))).code).toBe('offline');
      expect(await serverBalance(server, seed.resellerId)).toBe(before);

      // Retry: a middlebox (not the central API: no API error header) answers 429 without forwarding.
      proxy.mode = { kind: 'pass' };
      proxy.decide = (path) =>
        path.startsWith('/v1/terminal/sales/') ? { status: 429, body: 'Too Many Requests' } : null;
      await failure(call(s, 'sales.refund', { saleId }));
      proxy.decide = null;
      proxy.faultPathPrefix = '';

      // Retry again, the API reachable: the terminal must get the refund the server made, not a refusal.
      const refund = await call<SaleRefundResult>(s, 'sales.refund', { saleId });
      expect(refund).toMatchObject({ saleId, cashBack: 100, creditsReturned: 90 });
      const rows = await server.db.query('SELECT 1 FROM sale_refunds WHERE sale_id = $1', [saleId]);
      expect(rows).toHaveLength(1);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
