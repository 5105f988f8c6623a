import type { Database, Statement } from 'better-sqlite3';
import type { SaleRecord } from '../../core/contract/types/sales';
import type { OfflineClaim } from '../../core/sync/protocol';

/**
 * An offline sale as the log keeps it (migration 20) until the ledger spreads it into its tables: what the sale's own
 * transaction decided and numbered, from which its rows are written (its journal entry and outbox command are built
 * from the sale, its command payload and its claim, as a sale that writes its tables at once builds them).
 */
export interface LoggedOfflineSale {
  /** The `sale_number` counter value the sale took. */
  readonly saleNumber: number;
  /** Its offline decision: its number, its retail amount, and the window's running total through it. */
  readonly decision: { readonly seq: number; readonly retail: number; readonly runningTotal: number };
  /** The app run it was sold in (`sale_outcomes.run`). */
  readonly run: number | null;
  /** The sale's row. */
  readonly sale: SaleRecord;
  /** Its command's payload, as checked by the command's schema. */
  readonly payload: unknown;
  /** The offline claim its command carries. */
  readonly claim: OfflineClaim;
}

/** What the next offline sale's checks add to the tables' figures while the log holds sales. */
export interface OfflineSaleLogTotals {
  readonly count: number;
  /** The last sale number and offline decision taken in the log. */
  readonly lastSaleNumber: number;
  readonly lastDecisionSeq: number;
  /** The offline window's running total through the log's last decision. */
  readonly lastRunningTotal: number;
  /** Debits of the logged sales' commands. */
  readonly debit: number;
}

/** The rows of `offline_sale_log`, in the order they were sold. Every method runs inside the ledger's transaction. */
export class OfflineSaleLog {
  private readonly q: Record<'append' | 'totals' | 'holds' | 'all' | 'clear', Statement>;

  constructor(db: Database) {
    this.q = {
      append: db.prepare(
        `INSERT INTO offline_sale_log (sale_id, sale_number, decision_seq, running_total, debit_total, run, body)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      // Two point reads: the rows are numbered one after another (n is max + 1) until the log is cleared.
      totals: db.prepare(
        `SELECT l.n - f.n + 1 AS count, l.sale_number, l.decision_seq, l.running_total, l.debit_total
         FROM (SELECT n, sale_number, decision_seq, running_total, debit_total FROM offline_sale_log
                ORDER BY n DESC LIMIT 1) l,
              (SELECT n FROM offline_sale_log ORDER BY n LIMIT 1) f`,
      ),
      holds: db.prepare('SELECT 1 FROM offline_sale_log WHERE sale_id = ?'),
      all: db.prepare('SELECT body FROM offline_sale_log ORDER BY n'),
      clear: db.prepare('DELETE FROM offline_sale_log'),
    };
  }

  /** Appends a sale; `debitTotal` is the log's debits through it (the last row's figure plus its debit). */
  append(entry: LoggedOfflineSale, debitTotal: number): void {
    this.q.append.run(
      entry.sale.id,
      entry.saleNumber,
      entry.decision.seq,
      entry.decision.runningTotal,
      debitTotal,
      entry.run,
      JSON.stringify(entry),
    );
  }

  /** The log's figures, or null when it is empty. */
  totals(): OfflineSaleLogTotals | null {
    const r = this.q.totals.get() as
      | {
          count: number;
          sale_number: number;
          decision_seq: number;
          running_total: number;
          debit_total: number;
        }
      | undefined;
    if (!r) return null;
    return {
      count: r.count,
      lastSaleNumber: r.sale_number,
      lastDecisionSeq: r.decision_seq,
      lastRunningTotal: r.running_total,
      debit: r.debit_total,
    };
  }

  /** Whether a sale with this id waits in the log. */
  holds(saleId: string): boolean {
    return this.q.holds.get(saleId) !== undefined;
  }

  /** Every logged sale, oldest first. */
  entries(): LoggedOfflineSale[] {
    return (this.q.all.all() as { body: string }[]).map((r) => JSON.parse(r.body) as LoggedOfflineSale);
  }

  clear(): void {
    this.q.clear.run();
  }
}
