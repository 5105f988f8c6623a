import { describe, expect, it } from 'vitest';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { WalletHistoryCsvPiece, WalletHistoryPage } from '../../../core/contract/types/wallet';
import { seedReseller, useCentral } from '../terminal/support/central-api';
import { call } from '../terminal/support/terminal-harness';
import { enrollTill, syncOk } from '../terminal/support/till';

/**
 * The wallet history at a terminal online with the real central API: paged one entry at a time it hands back a cursor
 * until the last page, and a CSV piece asked from a cursor carries rows only (the header came with the first piece).
 */

const central = useCentral('coverage-wallet-history');

describe('the wallet history, paged', () => {
  it('pages the credit movements newest first and exports the rest of them without a second header', async () => {
    const seed = await seedReseller(central.server, { credits: 50_000 });
    const t = await enrollTill(central.server, central.cleanup, seed.resellerId, {
      perSaleMax: 100_000,
      totalOfflineMax: 200_000,
      maxHoursSinceSync: 24,
    });
    await syncOk(t);
    for (let i = 0; i < 2; i += 1) {
      const sale = await call<SaleCreateOutcome>(t.s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550001234',
        quantity: 1,
      });
      expect(['confirmed', 'queued']).toContain(sale.outcome);
    }
    // Whatever the online wait answered, the next round settles both sales on the server.
    await syncOk(t);

    const all = await call<WalletHistoryPage>(t.s, 'wallet.history', { limit: 200 });
    expect(all.next).toBeNull();
    expect(all.items.length).toBeGreaterThanOrEqual(3);

    const first = await call<WalletHistoryPage>(t.s, 'wallet.history', { limit: 1 });
    expect(first.items).toEqual([all.items[0]]);
    expect(first.next).not.toBeNull();
    const second = await call<WalletHistoryPage>(t.s, 'wallet.history', { limit: 1, before: first.next });
    expect(second.items).toEqual([all.items[1]]);

    const head = await call<WalletHistoryCsvPiece>(t.s, 'wallet.historyCsv', {});
    expect(head.csv.split('\r\n')[0]).toBe('date_utc,kind,memo,amount,currency,entry_id');
    expect(head.rows).toBe(all.items.length);
    const rest = await call<WalletHistoryCsvPiece>(t.s, 'wallet.historyCsv', { cursor: first.next });
    expect(rest.rows).toBe(all.items.length - 1);
    expect(rest.next).toBeNull();
    expect(rest.csv).not.toContain('date_utc,kind');
    expect(rest.csv.trimEnd().split('\r\n')).toHaveLength(all.items.length - 1);
    expect(rest.csv).not.toContain(all.items[0]!.entryId);
  });
});
