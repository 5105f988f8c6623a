import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { OFFLINE_SALE_LOG_BATCH } from '../../../main/ledger/local-ledger';
import { uuidv7 } from '../../../core/uuidv7';
import { checkTerminalLedger } from '../../bench/bench-checks';
import { fakeEnrollAndPull } from './support/local-terminal';
import { openTerminal, tempDir } from './support/terminal-harness';

const dirs: string[] = [];
const opened: AppServices[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function terminal(limits = { perSaleMax: 10_000, totalOfflineMax: 1_000_000, maxHoursSinceSync: 24 }) {
  const dir = tempDir('sale-log');
  dirs.push(dir);
  const services = await openTerminal(dir);
  opened.push(services);
  const pkg = fakeEnrollAndPull(services, 100_000_000, limits);
  return { dir, services, pkg };
}

/**
 * The log as another connection sees it: a plain connection has no statement gate, so reading through it spreads
 * nothing (what a crash would leave on disk).
 */
function loggedOnDisk(dir: string): { sale_id: string; sale_number: number; decision_seq: number }[] {
  const raw = new BetterSqlite3(join(dir, 'ledger.sqlite'), { readonly: true });
  try {
    return raw
      .prepare('SELECT sale_id, sale_number, decision_seq FROM offline_sale_log ORDER BY n')
      .all() as {
      sale_id: string;
      sale_number: number;
      decision_seq: number;
    }[];
  } finally {
    raw.close();
  }
}

const count = (services: AppServices, table: string): number =>
  (services.terminal.ledger.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the offline sale log', () => {
  it('commits an offline sale as one log row, which the next statement on the connection spreads first', async () => {
    const { dir, services, pkg } = await terminal();
    const { sales } = services.terminal;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const out = await sales.createSale(
        { packageId: pkg.id, customerAccount: '+15550001111', quantity: 1 },
        null,
      );
      expect(out.outcome).toBe('queued');
      ids.push(out.sale!.id);
    }
    // On disk, before anything reads: the three sales are in the log, numbered on from the counters.
    expect(loggedOnDisk(dir).map((r) => [r.sale_id, r.sale_number, r.decision_seq])).toEqual([
      [ids[0], 1, 1],
      [ids[1], 2, 2],
      [ids[2], 3, 3],
    ]);
    // Any statement sees them in their tables; the log is then empty, on disk too.
    expect(count(services, 'sales')).toBe(3);
    expect(loggedOnDisk(dir)).toEqual([]);
    expect(count(services, 'outbox')).toBe(3);
    expect(count(services, 'offline_decisions')).toBe(3);
    const numbers = services.terminal.ledger.db
      .prepare('SELECT sale_number FROM sales ORDER BY sale_number')
      .all();
    expect(numbers).toEqual([
      { sale_number: 'LOC1-000001' },
      { sale_number: 'LOC1-000002' },
      { sale_number: 'LOC1-000003' },
    ]);
    checkTerminalLedger(services.terminal.ledger, 3);
  });

  it('judges the offline limits with the logged sales counted', async () => {
    // Retail 100 a sale; at most 300 honoured offline.
    const { dir, services, pkg } = await terminal({
      perSaleMax: 1_000,
      totalOfflineMax: 300,
      maxHoursSinceSync: 24,
    });
    const { sales, ledger } = services.terminal;
    const sell = () =>
      sales.createSale({ packageId: pkg.id, customerAccount: '+15550001111', quantity: 1 }, null);
    for (let i = 0; i < 3; i++) expect((await sell()).outcome).toBe('queued');
    expect(loggedOnDisk(dir)).toHaveLength(3);
    const fourth = await sell();
    expect(fourth).toMatchObject({ outcome: 'refused', reason: 'offline_total_limit' });
    // The refusal wrote nothing; the three are still only in the log.
    expect(loggedOnDisk(dir)).toHaveLength(3);
    expect(ledger.balanceView()).toMatchObject({
      pendingOfflineTotal: 300,
      pendingCount: 3,
      pendingDebits: 270,
    });
    expect(count(services, 'sales')).toBe(3);
  });

  it('a retry of a logged sale answers its first outcome and sells once', async () => {
    const { dir, services, pkg } = await terminal();
    const { sales } = services.terminal;
    const saleId = uuidv7();
    const input = { packageId: pkg.id, customerAccount: '+15550001111', quantity: 2, saleId };
    const first = await sales.createSale(input, null);
    expect(loggedOnDisk(dir).map((r) => r.sale_id)).toEqual([saleId]);
    const again = await sales.createSale(input, null);
    expect(again).toEqual(first);
    await expect(sales.createSale({ ...input, quantity: 3 }, null)).rejects.toMatchObject({
      code: 'sale_id_reused',
    });
    expect(count(services, 'sales')).toBe(1);
    expect(count(services, 'outbox')).toBe(1);
  });

  it('the sale that fills a batch spreads the log', async () => {
    const { dir, services, pkg } = await terminal();
    const { sales } = services.terminal;
    for (let i = 0; i < OFFLINE_SALE_LOG_BATCH - 1; i++)
      await sales.createSale({ packageId: pkg.id, customerAccount: '+15550001111', quantity: 1 }, null);
    expect(loggedOnDisk(dir)).toHaveLength(OFFLINE_SALE_LOG_BATCH - 1);
    await sales.createSale({ packageId: pkg.id, customerAccount: '+15550001111', quantity: 1 }, null);
    expect(loggedOnDisk(dir)).toEqual([]);
    expect(count(services, 'sales')).toBe(OFFLINE_SALE_LOG_BATCH);
  });

  it('spreads what a closed terminal left in the log when it opens, in the run each sale was sold in', async () => {
    const { dir, services, pkg } = await terminal();
    await services.terminal.sales.createSale(
      { packageId: pkg.id, customerAccount: '+15550001111', quantity: 1 },
      null,
    );
    const runOne = loggedOnDisk(dir);
    expect(runOne).toHaveLength(1);
    // Closing runs no statement: the sale stays in the log on disk, as after a power cut.
    await services.close();
    opened.splice(opened.indexOf(services), 1);
    expect(loggedOnDisk(dir)).toHaveLength(1);
    const again = await openTerminal(dir);
    opened.push(again);
    expect(loggedOnDisk(dir)).toEqual([]);
    const row = again.terminal.ledger.db
      .prepare(
        'SELECT o.run, (SELECT MAX(run) FROM app_runs) AS now FROM sale_outcomes o WHERE o.sale_id = ?',
      )
      .get(runOne[0]!.sale_id) as { run: number; now: number };
    expect(row.run).toBe(row.now - 1);
    checkTerminalLedger(again.terminal.ledger, 1);
  });

  it('a spread inside a transaction that rolls back leaves the sales in the log, and the next statement spreads them', async () => {
    const { dir, services, pkg } = await terminal();
    const { sales, ledger } = services.terminal;
    await sales.createSale({ packageId: pkg.id, customerAccount: '+15550001111', quantity: 1 }, null);
    const db = ledger.db;
    expect(() =>
      db.transaction(() => {
        expect((db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBe(1);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(loggedOnDisk(dir)).toHaveLength(1);
    expect(count(services, 'sales')).toBe(1);
    expect(loggedOnDisk(dir)).toEqual([]);
    checkTerminalLedger(ledger, 1);
  });

  it('numbers sales, offline decisions and commands in the order sold, with every total equal to its source, however sales, reads, acknowledgements and a restart interleave', async () => {
    const {
      dir,
      services: first,
      pkg,
    } = await terminal({
      perSaleMax: 100_000,
      totalOfflineMax: 1_000_000_000,
      maxHoursSinceSync: 24,
    });
    let services = first;
    const op = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({ kind: fc.constant('sale' as const), qty: fc.integer({ min: 1, max: 9 }) }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('read' as const) }) },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('ack' as const), n: fc.integer({ min: 1, max: 4 }) }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
    );
    let sold: { id: string; retail: number }[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        for (const o of ops) {
          const { sales, ledger } = services.terminal;
          if (o.kind === 'sale') {
            const r = await sales.createSale(
              { packageId: pkg.id, customerAccount: '+4470000009', quantity: o.qty },
              null,
            );
            expect(r.outcome).toBe('queued');
            sold.push({ id: r.sale!.id, retail: r.sale!.retailAmount });
          } else if (o.kind === 'read') {
            ledger.balanceView();
          } else if (o.kind === 'ack') {
            const batch = ledger.peekOutbox(o.n);
            ledger.applyOutcomes(
              batch.map((c) => ({ id: c.id, status: 'applied' as const, result: null })),
              batch,
            );
          } else {
            await services.close();
            opened.splice(opened.indexOf(services), 1);
            services = await openTerminal(dir);
            opened.push(services);
          }
        }
        const db = services.terminal.ledger.db;
        // Sales: numbered 1..n in the order sold.
        const rows = db.prepare('SELECT id, sale_number FROM sales ORDER BY sale_number').all() as {
          id: string;
          sale_number: string;
        }[];
        expect(rows.map((r) => r.id)).toEqual(sold.map((s) => s.id));
        rows.forEach((r, i) => expect(r.sale_number).toBe(`LOC1-${String(i + 1).padStart(6, '0')}`));
        // Offline decisions: numbered in the order sold, each running total the sum through it.
        const decisions = db
          .prepare(
            `SELECT d.seq, d.retail_amount, d.running_total, s.id FROM offline_decisions d
               JOIN sales s ON s.command_id = d.command_id ORDER BY d.seq`,
          )
          .all() as { seq: number; retail_amount: number; running_total: number; id: string }[];
        let total = 0;
        decisions.forEach((d, i) => {
          total += sold[i]!.retail;
          expect([d.seq, d.id, d.retail_amount, d.running_total]).toEqual([
            i + 1,
            sold[i]!.id,
            sold[i]!.retail,
            total,
          ]);
        });
        // Commands: waiting ones in the order sold; counters equal their sources; the window equals its decisions.
        const waiting = db.prepare('SELECT payload FROM outbox ORDER BY seq').all() as { payload: string }[];
        const waitingIds = waiting.map((w) => (JSON.parse(w.payload) as { saleId: string }).saleId);
        expect(waitingIds).toEqual(sold.map((s) => s.id).slice(sold.length - waitingIds.length));
        const sums = db
          .prepare(
            'SELECT COALESCE(SUM(debit), 0) AS debit, COALESCE(SUM(offline_amount), 0) AS offline, COUNT(*) AS n FROM outbox',
          )
          .get() as { debit: number; offline: number; n: number };
        const view = services.terminal.ledger.balanceView();
        expect(view.pendingCount).toBe(sums.n);
        const unsettled = db
          .prepare('SELECT COALESCE(SUM(retail_amount), 0) AS s FROM offline_decisions WHERE settled = 0')
          .get() as { s: number };
        expect(view.pendingOfflineTotal).toBe(unsettled.s);
        expect(loggedOnDisk(dir)).toEqual([]);
        checkTerminalLedger(services.terminal.ledger, sold.length);
      }),
      { numRuns: 12 },
    );
    sold = [];
  });
});
