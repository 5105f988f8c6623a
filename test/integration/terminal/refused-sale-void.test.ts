import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleCreateOutcome, SaleListItem } from '../../../core/contract/types/sales';
import type { RunningServer } from '../../../server/start-server';
import { seedReseller, serverBalance, startCentral } from './support/central-api';
import { startFaultProxy, type FaultProxy, type FaultMode } from './support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from './support/terminal-harness';

/**
 * A sale pushed online first that gets no answer in time and is over the offline limits is refused at the counter
 * ("Not sold"). The push may still have reached the server, so a `sale.void` follows it: whatever happened to the
 * push, once the terminal syncs again the customer is not credited and the reseller not charged.
 */
describe('a sale refused at the counter after an unanswered push', () => {
  const serverDir = tempDir('void-central');
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

  const scenarios: readonly [string, FaultMode][] = [
    ['the push never reached the server', { kind: 'down' }],
    ['the server applied the push but the answer was lost', { kind: 'dropAfterResponse' }],
  ];

  it.each(scenarios)('%s: after sync the sale is cancelled everywhere', async (_name, fault) => {
    const seed = await seedReseller(server, {
      credits: 100_000,
      floorLimits: { perSaleMax: 150, totalOfflineMax: 10_000, maxHoursSinceSync: 24 },
    });
    const dir = tempDir('void-terminal');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      await call(s, 'sync.now');
      const before = await serverBalance(server, seed.resellerId);
      proxy.mode = fault;
      const out = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550003333',
        quantity: 3, // retail 300 > the offline per-sale limit 150
      });
      expect(out).toMatchObject({ outcome: 'refused', reason: 'offline_per_sale_limit' });
      proxy.mode = { kind: 'pass' };
      const report = await call<{ ok: boolean }>(s, 'sync.now');
      expect(report.ok).toBe(true);
      await call(s, 'sync.now'); // a full round after the acknowledgements settles the balance
      const sale = await call<SaleListItem>(s, 'sales.get', { saleId: out.sale!.id });
      expect(sale.status).toBe('reversed');
      expect(await serverBalance(server, seed.resellerId)).toBe(before);
      const rows = await server.db.query<{ status: string }>('SELECT status FROM sales WHERE id = $1', [
        out.sale!.id,
      ]);
      expect(rows.every((r) => r.status !== 'purchased')).toBe(true);
      const view = s.terminal.ledger.balanceView();
      expect(view).toMatchObject({ pendingCount: 0, serverBalance: before, available: before });
      // Locally the sale's journal entry is reversed: the accounts net to nothing for it.
      expect(s.terminal.ledger.accountTotals().reseller_credit ?? 0).toBe(0);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
