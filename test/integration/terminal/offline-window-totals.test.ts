import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { Database } from 'better-sqlite3';
import { fakeEnrollAndPull } from './support/local-terminal';
import { openTerminal, tempDir } from './support/terminal-harness';

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close().catch(() => undefined);
    rmSync(o.dir, { recursive: true, force: true });
  }
});

/** What the outbox totals must be: summed from the waiting commands themselves. */
function outboxTotalsFromRows(db: Database): OutboxTotals {
  return db
    .prepare(
      'SELECT COALESCE(SUM(debit), 0) AS debit, COALESCE(SUM(offline_amount), 0) AS offline, COUNT(*) AS n FROM outbox',
    )
    .get() as OutboxTotals;
}

/** The outbox totals the triggers keep in `counters` (migration 19). */
function outboxTotalsInCounters(db: Database): OutboxTotals {
  return db
    .prepare(
      `SELECT MAX(CASE name WHEN 'outbox_debit' THEN value END) AS debit,
              MAX(CASE name WHEN 'outbox_offline_amount' THEN value END) AS offline,
              MAX(CASE name WHEN 'outbox_count' THEN value END) AS n
         FROM counters`,
    )
    .get() as OutboxTotals;
}

interface OutboxTotals {
  readonly debit: number;
  readonly offline: number;
  readonly n: number;
}

/**
 * The offline window's exposure is the difference of two running totals and the outbox's totals live in counters
 * (migration 19): both must equal their sources after every path that writes them.
 */
describe('offline window running totals and outbox totals', () => {
  it('exposure and counters equal their sources under quarantine/requeue', async () => {
    const dir = tempDir('zzreview');
    const services = await openTerminal(dir);
    opened.push({ services, dir });
    const pkg = fakeEnrollAndPull(services, 100_000_000, {
      perSaleMax: 1_000_000,
      totalOfflineMax: 1_000_000_000,
      maxHoursSinceSync: 24,
    });
    const { ledger, sales } = services.terminal;
    const db = ledger.db;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('sale' as const), qty: fc.integer({ min: 1, max: 5 }) }),
      fc.record({
        kind: fc.constant('ack' as const),
        n: fc.integer({ min: 1, max: 3 }),
        reject: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('quarantine' as const), i: fc.nat() }),
      fc.record({ kind: fc.constant('requeue' as const), i: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'sale') {
            const r = await sales.createSale(
              { packageId: pkg.id, customerAccount: '+4470000009', quantity: o.qty },
              null,
            );
            expect(r.outcome).toBe('queued');
          } else if (o.kind === 'ack') {
            const batch = ledger.peekOutbox(o.n);
            ledger.applyOutcomes(
              batch.map((c) =>
                o.reject
                  ? { id: c.id, status: 'rejected' as const, reason: 'forbidden' as const, message: 'no' }
                  : { id: c.id, status: 'applied' as const, result: null },
              ),
            );
          } else if (o.kind === 'quarantine') {
            const all = ledger.peekOutbox(1000);
            if (all.length) ledger.quarantine(all[o.i % all.length]!.id, 'x', 'y');
          } else {
            const q = db.prepare('SELECT id FROM quarantined_commands ORDER BY seq').all() as {
              id: string;
            }[];
            if (q.length) expect(ledger.requeue(q[o.i % q.length]!.id)).toBe(true);
          }
          const w = ledger.offlineWindow();
          const sum = (
            db
              .prepare(
                'SELECT COALESCE(SUM(retail_amount),0) AS e FROM offline_decisions WHERE seq >= ? AND seq < ?',
              )
              .get(w.windowStart, w.seq) as { e: number }
          ).e;
          expect(w.exposure).toBe(sum);
          const minUnsettled = (
            db.prepare('SELECT MIN(seq) AS s FROM offline_decisions WHERE settled = 0').get() as {
              s: number | null;
            }
          ).s;
          expect(w.windowStart).toBe(minUnsettled ?? w.seq);
          const bad = db
            .prepare(
              `SELECT seq FROM offline_decisions d WHERE running_total <> (SELECT SUM(retail_amount) FROM offline_decisions e WHERE e.seq <= d.seq)`,
            )
            .all();
          expect(bad).toEqual([]);
          const src = outboxTotalsFromRows(db);
          expect(outboxTotalsInCounters(db)).toEqual(src);
          expect(ledger.balanceView().pendingCount).toBe(src.n);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('a requeued command never sorts below a Sync page it was listed on (outbox seqs are never reused)', async () => {
    const dir = tempDir('zzreview2');
    const services = await openTerminal(dir);
    opened.push({ services, dir });
    const pkg = fakeEnrollAndPull(services, 100_000_000, {
      perSaleMax: 1_000_000,
      totalOfflineMax: 1_000_000_000,
      maxHoursSinceSync: 24,
    });
    const { ledger, sales } = services.terminal;
    for (let i = 0; i < 4; i++)
      await sales.createSale({ packageId: pkg.id, customerAccount: '+4470000009', quantity: 1 }, null);
    const page1 = ledger.listCommands('pending', 2, null);
    const x = page1.items[0]!.id;
    const rest = ledger.peekOutbox(10).filter((c) => c.id !== x);
    ledger.applyOutcomes(rest.map((c) => ({ id: c.id, status: 'applied' as const, result: null })));
    ledger.quarantine(x, 'r', 'm');
    ledger.requeue(x);
    const page2 = ledger.listCommands('pending', 2, page1.next);
    // The requeued command comes after every seq given before: a stale "Load more" cursor does not show it again.
    expect(page2.items.map((i) => i.id)).not.toContain(x);
    expect(ledger.listCommands('pending', 10, null).items[0]!.id).toBe(x);
  });

  it('markHonouredOffline and attempts keep the counters equal to the outbox', async () => {
    const dir = tempDir('zzreview3');
    const services = await openTerminal(dir);
    opened.push({ services, dir });
    fakeEnrollAndPull(services, 100_000_000);
    const { ledger } = services.terminal;
    const db = ledger.db;
    const id = '01900000-0000-7000-8000-000000000001';
    ledger.transaction(() =>
      ledger.writeCommand(
        {
          id,
          type: 'sale.void',
          payload: { saleId: id, reason: 'refused_at_counter' },
          createdAt: new Date().toISOString(),
          clerkId: null,
          offline: false,
        },
        77,
        0,
      ),
    );
    ledger.markAttempt(ledger.peekOutbox(5));
    expect(
      ledger.markHonouredOffline(id, 123, {
        seq: 1,
        windowStart: 1,
        limitsVersion: 1,
        lastSyncAt: new Date().toISOString(),
      }),
    ).toBe(true);
    const src = outboxTotalsFromRows(db);
    expect(outboxTotalsInCounters(db)).toEqual(src);
    expect(src).toEqual({ debit: 77, offline: 123, n: 1 });
  });
});
