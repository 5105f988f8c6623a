import type { Database } from 'better-sqlite3';
import type { SaleGrantState } from '../../core/contract/types/sale-grant';
import { saleViewSchema } from '../../core/sync/protocol';
import type { z } from 'zod';

type SaleView = z.infer<typeof saleViewSchema>;

/**
 * The customer grant of each sale as the change feed says (issue 12, item 4): `used` once the customer spent any of it,
 * and when it expires. The Sales details read it to say "used" or "expired" before a manager tries a refund the
 * server would refuse; a feed entry that does not carry it leaves what is known.
 */
export class SaleGrantStore {
  private readonly q;

  constructor(db: Database) {
    this.q = {
      set: db.prepare(
        `UPDATE sales SET grant_used = COALESCE(?, grant_used),
           grant_expires_at = CASE WHEN ? = 1 THEN ? ELSE grant_expires_at END WHERE id = ?`,
      ),
      get: db.prepare('SELECT grant_used, grant_expires_at FROM sales WHERE id = ?'),
      // A sale from stock is priced by the server from the lots the shop bought (review F1), not the catalog.
      stockWholesale: db.prepare('UPDATE sales SET wholesale_amount = ? WHERE id = ? AND from_stock = 1'),
    };
  }

  /**
   * Takes the grant state a `sale` change carries (inside the pull's transaction), and for a sale from stock the
   * wholesale price the server recorded (that of the lots it took).
   */
  apply(view: SaleView): void {
    const hasExpiry = view.grantExpiresAt !== undefined;
    this.q.set.run(
      view.grantUsed === undefined ? null : view.grantUsed ? 1 : 0,
      hasExpiry ? 1 : 0,
      hasExpiry ? view.grantExpiresAt : null,
      view.saleId,
    );
    this.q.stockWholesale.run(view.wholesaleAmount, view.saleId);
  }

  /** The sale's grant state, or null when the sale is not on this terminal. */
  get(saleId: string, nowMs: number): SaleGrantState | null {
    const r = this.q.get.get(saleId) as
      { grant_used: number | null; grant_expires_at: string | null } | undefined;
    if (!r) return null;
    return {
      used: r.grant_used === null ? null : r.grant_used === 1,
      expiresAt: r.grant_expires_at,
      expired: r.grant_expires_at !== null && Date.parse(r.grant_expires_at) <= nowMs,
    };
  }
}
