import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleCreateOutcome, SaleListItem, SaleRefundResult } from '../../../core/contract/types/sales';
import type { RunningServer } from '../../../server/start-server';
import { decodeBarcodes, pdfText } from '../printing/pdf-tools';
import { seedReseller, serverBalance, startCentral } from './support/central-api';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from './support/terminal-harness';

/** The error code a contract call failed with. */
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('refunds at the terminal', () => {
  const serverDir = tempDir('refund-central');
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

  it('a manager refunds a synced sale once, even when the first answer is lost; a clerk cannot', async () => {
    const seed = await seedReseller(server, { credits: 100_000, wholesale: 90, retail: 100 });
    const dir = tempDir('refund-terminal');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      const before = await serverBalance(server, seed.resellerId);
      const sold = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550004444',
        quantity: 2,
      });
      expect(sold.outcome).toBe('confirmed');
      const saleId = sold.sale!.id;
      expect(await serverBalance(server, seed.resellerId)).toBe(before - 180);

      // Offline: nothing is refunded, and the terminal says why.
      proxy.mode = { kind: 'down' };
      const offline = await failure(call(s, 'sales.refund', { saleId }));
      expect(offline.code).toBe('offline');
      expect(await serverBalance(server, seed.resellerId)).toBe(before - 180);

      // The server refunds but its answer is lost: the retry reuses the refund id and answers the same refund.
      proxy.mode = { kind: 'dropAfterResponse' };
      expect((await failure(call(s, 'sales.refund', { saleId }))).code).toBe('offline');
      expect(await serverBalance(server, seed.resellerId)).toBe(before);
      proxy.mode = { kind: 'pass' };
      const refund = await call<SaleRefundResult>(s, 'sales.refund', { saleId });
      expect(refund).toMatchObject({ saleId, cashBack: 200, creditsReturned: 180, currency: 'USD' });
      expect(refund.refundNumber).toMatch(/^RF-\d{6}$/);
      expect(await serverBalance(server, seed.resellerId)).toBe(before);
      const refunds = await server.db.query('SELECT 1 FROM sale_refunds WHERE sale_id = $1', [saleId]);
      expect(refunds).toHaveLength(1);

      // The sale shows refunded here; asking again answers the same refund.
      const sale = await call<SaleListItem>(s, 'sales.get', { saleId });
      expect(sale.businessStatus).toBe('refunded');
      expect(await call<SaleRefundResult>(s, 'sales.refund', { saleId })).toEqual(refund);

      // The refund receipt: its own number, the original sale's number (barcoded), the cash handed back.
      const receipt = await call<{ pdfBase64: string; fileName: string }>(s, 'receipts.renderRefund', {
        saleId,
      });
      expect(receipt.fileName).toBe(`refund-${refund.refundNumber}.pdf`);
      const pdf = Buffer.from(receipt.pdfBase64, 'base64');
      const text = await pdfText(pdf);
      expect(text).toContain('REFUND');
      expect(text).toContain(refund.refundNumber);
      expect(text).toContain(sold.sale!.saleNumber);
      expect(text).toContain('CASH BACK');
      expect(text).toContain('2.00');
      expect(text).not.toContain('Tendered');
      expect(await decodeBarcodes(pdf)).toEqual([sold.sale!.saleNumber]);

      // A clerk may not refund.
      await call(s, 'clerks.create', { name: 'Ann', pin: '246810', role: 'clerk' });
      const clerks = await call<{ id: string; name: string }[]>(s, 'clerks.list');
      await call(s, 'session.signOut');
      await call(s, 'session.signIn', { clerkId: clerks.find((c) => c.name === 'Ann')!.id, pin: '246810' });
      const another = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550004445',
        quantity: 1,
      });
      expect((await failure(call(s, 'sales.refund', { saleId: another.sale!.id }))).code).toBe('forbidden');
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
