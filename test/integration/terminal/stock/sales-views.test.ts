import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedReceipt } from '../../../../core/contract/types/receipts';
import type { SaleCreateOutcome, SaleListItem, SalePage } from '../../../../core/contract/types/sales';
import { uuidv7 } from '../../../../core/uuidv7';
import type { RunningServer } from '../../../../server/start-server';
import { seedReseller, startCentral } from '../support/central-api';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../support/terminal-harness';

describe('Sales history views of stock sales and refunds', () => {
  const serverDir = tempDir('views-central');
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCentral(serverDir);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(serverDir, { recursive: true, force: true });
  });

  it('filters by sold from stock; a refund receipt render is audited apart from the sale receipt', async () => {
    const seed = await seedReseller(server, { credits: 10_000 });
    const dir = tempDir('views-terminal');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, server.url, seed.code);
      await call(s, 'stock.purchase', { packageId: seed.pkg.id, quantity: 2, purchaseId: uuidv7() });
      const fromStock = await call<SaleCreateOutcome>(s, 'stock.sell', {
        packageId: seed.pkg.id,
        customerAccount: '+15550005001',
        quantity: 1,
      });
      const withCredits = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550005002',
        quantity: 1,
      });
      expect([fromStock.outcome, withCredits.outcome]).toEqual(['confirmed', 'confirmed']);

      const list = (filter: Record<string, unknown>) =>
        call<SalePage>(s, 'sales.list', { limit: 50, before: null, ...filter });
      const stockOnly = await list({ source: 'stock' });
      expect(stockOnly.items.map((i) => [i.id, i.businessStatus, i.fromStock])).toEqual([
        [fromStock.sale!.id, 'activated', true],
      ]);
      const creditsOnly = await list({ source: 'credits' });
      expect(creditsOnly.items.map((i) => i.id)).toEqual([withCredits.sale!.id]);
      expect((await list({ status: 'activated' })).items.map((i) => i.id)).toEqual([fromStock.sale!.id]);

      // Refund the credit sale; its refund receipt renders are recorded in receipt_prints, as their own kind.
      await call(s, 'sales.refund', { saleId: withCredits.sale!.id });
      expect((await list({ status: 'refunded' })).items.map((i) => i.id)).toEqual([withCredits.sale!.id]);
      const first = await call<RenderedReceipt>(s, 'receipts.renderRefund', { saleId: withCredits.sale!.id });
      const second = await call<RenderedReceipt>(s, 'receipts.renderRefund', {
        saleId: withCredits.sale!.id,
      });
      expect([first.copy, second.copy]).toEqual([false, true]);
      expect(second.fileName).toMatch(/^refund-RF-\d{6}-copy\.pdf$/);
      const rows = s.terminal.ledger.db
        .prepare('SELECT kind, copy, clerk_id FROM receipt_prints WHERE sale_id = ? ORDER BY printed_at, id')
        .all(withCredits.sale!.id) as { kind: string; copy: number; clerk_id: string | null }[];
      expect(rows.map((r) => [r.kind, r.copy])).toEqual([
        ['refund', 0],
        ['refund', 1],
      ]);
      expect(rows.every((r) => r.clerk_id !== null)).toBe(true);
      // The sale's own receipt is still the original.
      const sale = await call<SaleListItem>(s, 'sales.get', { saleId: withCredits.sale!.id });
      expect(sale.printCount).toBe(0);
      const receipt = await call<RenderedReceipt>(s, 'receipts.render', { saleId: withCredits.sale!.id });
      expect(receipt.copy).toBe(false);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
