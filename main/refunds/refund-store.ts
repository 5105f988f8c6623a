import type { Database } from 'better-sqlite3';
import type { LocalSaleStatus } from '../../core/contract/types/sales';

/** What a refund reads of the local sale. */
export interface LocalSaleForRefund {
  readonly id: string;
  readonly saleNumber: string;
  readonly retailAmount: number;
  readonly currency: string;
  readonly status: LocalSaleStatus;
  readonly serverStatus: string | null;
}

/** A refund as this terminal records it. */
export interface RefundRow {
  readonly id: string;
  readonly saleId: string;
  readonly clerkId: string;
  readonly state: 'requested' | 'done';
  readonly refundNumber: string | null;
  readonly creditsReturned: number | null;
  readonly cashBack: number;
  readonly currency: string;
  readonly requestedAt: string;
  readonly refundedAt: string | null;
}

interface Row {
  id: string;
  sale_id: string;
  clerk_id: string;
  state: 'requested' | 'done';
  refund_number: string | null;
  credits_returned: number | null;
  cash_back: number;
  currency: string;
  requested_at: string;
  refunded_at: string | null;
}

const fromRow = (r: Row): RefundRow => ({
  id: r.id,
  saleId: r.sale_id,
  clerkId: r.clerk_id,
  state: r.state,
  refundNumber: r.refund_number,
  creditsReturned: r.credits_returned,
  cashBack: r.cash_back,
  currency: r.currency,
  requestedAt: r.requested_at,
  refundedAt: r.refunded_at,
});

/** The terminal's refunds table (migration 0016). */
export class RefundStore {
  private readonly q;

  constructor(private readonly db: Database) {
    this.q = {
      bySale: db.prepare('SELECT * FROM refunds WHERE sale_id = ?'),
      insert: db.prepare(
        `INSERT INTO refunds (id, sale_id, clerk_id, state, cash_back, currency, requested_at)
         VALUES (?, ?, ?, 'requested', ?, ?, ?)`,
      ),
      done: db.prepare(
        `UPDATE refunds SET state = 'done', refund_number = ?, credits_returned = ?, refunded_at = ?
          WHERE id = ? AND state = 'requested'`,
      ),
      drop: db.prepare("DELETE FROM refunds WHERE id = ? AND state = 'requested'"),
      saleRefunded: db.prepare("UPDATE sales SET server_status = 'refunded' WHERE id = ?"),
      requestedRefunded: db.prepare(
        `SELECT r.* FROM refunds r JOIN sales s ON s.id = r.sale_id
          WHERE r.state = 'requested' AND s.server_status = 'refunded'`,
      ),
      since: db.prepare(
        "SELECT * FROM refunds WHERE state = 'done' AND refunded_at >= ? ORDER BY refunded_at",
      ),
      sale: db.prepare(
        'SELECT id, sale_number, retail_amount, currency, status, server_status FROM sales WHERE id = ?',
      ),
    };
  }

  /** The refund of a sale (asked for or done), or null. */
  forSale(saleId: string): RefundRow | null {
    const r = this.q.bySale.get(saleId) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** Records a refund asked for (its id is the server's idempotency key); answers the one already asked for. */
  request(r: {
    id: string;
    saleId: string;
    clerkId: string;
    cashBack: number;
    currency: string;
    at: string;
  }): RefundRow {
    return this.db.transaction(() => {
      const prior = this.forSale(r.saleId);
      if (prior) return prior;
      this.q.insert.run(r.id, r.saleId, r.clerkId, r.cashBack, r.currency, r.at);
      return this.forSale(r.saleId)!;
    })();
  }

  /** Marks a refund done as the server answered, and the sale refunded, in one transaction. */
  complete(id: string, saleId: string, done: { number: string; creditsReturned: number; at: string }): void {
    this.db.transaction(() => {
      this.q.done.run(done.number, done.creditsReturned, done.at, id);
      this.q.saleRefunded.run(saleId);
    })();
  }

  /** Forgets a refund the server refused (nothing happened there, so a later try may use a new id). */
  drop(id: string): void {
    this.q.drop.run(id);
  }

  /** The local sale a refund is for, or null. */
  sale(saleId: string): LocalSaleForRefund | null {
    const r = this.q.sale.get(saleId) as
      | {
          id: string;
          sale_number: string;
          retail_amount: number;
          currency: string;
          status: LocalSaleStatus;
          server_status: string | null;
        }
      | undefined;
    return r
      ? {
          id: r.id,
          saleNumber: r.sale_number,
          retailAmount: r.retail_amount,
          currency: r.currency,
          status: r.status,
          serverStatus: r.server_status,
        }
      : null;
  }

  /** Refunds asked for and not answered whose sale the feed already shows refunded. */
  requestedRefunded(): RefundRow[] {
    return (this.q.requestedRefunded.all() as Row[]).map(fromRow);
  }

  /** Refunds done since an instant (ISO), oldest first: the day's and the shift's refunds. */
  doneSince(sinceIso: string): RefundRow[] {
    return (this.q.since.all(sinceIso) as Row[]).map(fromRow);
  }
}
