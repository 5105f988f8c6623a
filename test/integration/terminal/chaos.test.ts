import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { SyncReport } from '../../../core/contract/types/sync';
import type { AppServices } from '../../../main/app/app-services';
import { updatePackage } from '../../../server/catalog/package-service';
import { createEnrollmentCode } from '../../../server/terminals/enrollment-service';
import { ledgerViolations } from '../server/api-harness';
import { seedReseller, serverBalance, useCentral } from './support/central-api';
import { startFaultProxy, type FaultMode, type FaultProxy } from './support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from './support/terminal-harness';

/**
 * Chaos: three terminals of one reseller, each behind its own fault proxy, sell while their proxies cycle through
 * down, slow (answer after the sale stopped waiting), answer dropped, 500s and pull-only failures, and the operator
 * changes the price mid-run. Modes change after a number of sales (progress), never on elapsed time. Afterwards every
 * sale the counter honoured offline is applied on the server, and every terminal's balance view equals the server's.
 */

const SALES_PER_TERMINAL = Number(process.env.REFILL_CHAOS_SALES ?? 60);
const SALES_PER_MODE = 4;

type Chaos = { readonly label: string; readonly mode: FaultMode; readonly pullOnly?: boolean };
const MODES: readonly Chaos[] = [
  { label: 'pass', mode: { kind: 'pass' } },
  { label: 'down', mode: { kind: 'down' } },
  { label: 'slow', mode: { kind: 'slow', ms: 800 } },
  { label: 'dropped answers', mode: { kind: 'dropAfterResponse' } },
  { label: '500s', mode: { kind: 'error500' } },
  { label: 'pull fails', mode: { kind: 'error500' }, pullOnly: true },
];

const central = useCentral('central-chaos');
const cleanup = central.cleanup;

interface Till {
  readonly s: AppServices;
  readonly proxy: FaultProxy;
  readonly outcomes: Map<string, SaleCreateOutcome['outcome']>;
}

function setChaos(proxy: FaultProxy, chaos: Chaos): void {
  proxy.mode = chaos.mode;
  proxy.faultPathPrefix = chaos.pullOnly ? '/v1/terminal/sync/pull' : '/';
}

describe('chaos: three terminals behind fault proxies', () => {
  it('reverses no honoured offline sale, and every balance view ends equal to the server', async () => {
    const seed = await seedReseller(central.server, {
      credits: 1_000_000,
      floorLimits: { perSaleMax: 1_000, totalOfflineMax: 600, maxHoursSinceSync: 24 },
    });
    const codes = [seed.code];
    for (let i = 0; i < 2; i++) {
      const c = await createEnrollmentCode(central.server.db, seed.resellerId, {
        terminalName: null,
        floorLimits: { perSaleMax: 1_000, totalOfflineMax: 600, maxHoursSinceSync: 24 },
        expiresInHours: 1,
      });
      codes.push(c.code);
    }
    const tills: Till[] = [];
    for (const code of codes) {
      const proxy = await startFaultProxy(central.server.url);
      const dir = tempDir('term-chaos');
      const s = await openTerminal(dir);
      cleanup.push(async () => {
        await s.close();
        await proxy.close();
        rmSync(dir, { recursive: true, force: true });
      });
      await enrollAndSignIn(s, proxy.url, code);
      s.terminal.ledger.db
        .prepare("INSERT INTO app_settings (key, value, updated_at) VALUES ('sales.onlineWaitMs', '500', '')")
        .run();
      tills.push({ s, proxy, outcomes: new Map() });
    }

    let sold = 0;
    let priceChanged = false;
    const run = async (t: Till, index: number): Promise<void> => {
      for (let i = 0; i < SALES_PER_TERMINAL; i++) {
        if (i % SALES_PER_MODE === 0) {
          setChaos(t.proxy, MODES[(index * 2 + i / SALES_PER_MODE) % MODES.length]!);
          // Every other mode change, the terminal also tries a sync round under the new fault (may fail).
          if ((i / SALES_PER_MODE) % 2 === 1) await call<SyncReport>(t.s, 'sync.now');
        }
        // Half way through all sales, the operator raises the price (a catalog change mid-run).
        if (!priceChanged && sold >= (SALES_PER_TERMINAL * tills.length) / 2) {
          priceChanged = true;
          await updatePackage(central.server.db, seed.pkg.id, { retailPrice: 120, wholesalePrice: 95 });
        }
        const r = await call<SaleCreateOutcome>(t.s, 'sales.create', {
          packageId: seed.pkg.id,
          customerAccount: `+1555000${index}${String(i).padStart(3, '0')}`,
          quantity: 1 + (i % 3),
        });
        sold += 1;
        if (r.sale) t.outcomes.set(r.sale.id, r.outcome);
      }
    };
    await Promise.all(tills.map((t, i) => run(t, i)));

    // Calm: every proxy passes; each terminal syncs until its outbox is empty (bounded by attempts, not time).
    for (const t of tills) setChaos(t.proxy, MODES[0]!);
    for (const t of tills) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const r = await call<SyncReport>(t.s, 'sync.now');
        if (r.ok && t.s.terminal.ledger.balanceView().pendingCount === 0) break;
      }
      expect(t.s.terminal.ledger.balanceView().pendingCount).toBe(0);
    }
    // One more round each, so every terminal has pulled the others' last sales.
    for (const t of tills) expect((await call<SyncReport>(t.s, 'sync.now')).ok).toBe(true);

    const balance = await serverBalance(central.server, seed.resellerId);
    let honouredOffline = 0;
    let inDoubt = 0;
    for (const t of tills) {
      expect(t.s.terminal.ledger.balanceView()).toMatchObject({
        serverBalance: balance,
        available: balance,
        pendingCount: 0,
      });
      const terminalId = t.s.terminal.identity.require().terminalId;
      const rows = await central.server.db.query<{ id: string; status: string }>(
        'SELECT id, status FROM sales WHERE terminal_id = $1',
        [terminalId],
      );
      const onServer = new Map(rows.map((r) => [r.id, r.status]));
      for (const [saleId, outcome] of t.outcomes) {
        const local = t.s.terminal.saleStore.get(saleId)!;
        if (outcome === 'queued') {
          honouredOffline += 1;
          // The promise: honoured at the counter, applied by the server, never reversed.
          expect([saleId, local.status, onServer.get(saleId), local.reason, local.message]).toEqual([
            saleId,
            'confirmed',
            'purchased',
            null,
            null,
          ]);
        } else if (outcome === 'confirmed') {
          expect([saleId, onServer.get(saleId)]).toEqual([saleId, 'purchased']);
        } else if (outcome === 'refused') {
          // Refused at the counter after no answer: never a sale on the server (voided if it had arrived).
          if (local.status === 'reversed' || local.status === 'in_doubt') inDoubt += 1;
          expect(['refunded', undefined]).toContain(onServer.get(saleId));
        } else {
          expect(onServer.get(saleId)).toBeUndefined();
        }
      }
      // Nothing on the server that the counter did not hand over.
      for (const [saleId, status] of onServer)
        if (status === 'purchased') expect(['queued', 'confirmed']).toContain(t.outcomes.get(saleId));
      const reversedHonoured = [...t.outcomes].filter(
        ([id, o]) => o === 'queued' && t.s.terminal.saleStore.get(id)!.status === 'reversed',
      );
      expect(reversedHonoured).toEqual([]);
    }
    expect(await ledgerViolations(central.server.db, [seed.resellerId])).toEqual([]);
    // The run exercised what it is about.
    expect(priceChanged).toBe(true);
    expect(honouredOffline).toBeGreaterThan(10);
    expect(inDoubt + honouredOffline).toBeGreaterThan(10);
  });
});
