import type { Database } from 'better-sqlite3';
import type { StockLevel } from '../../core/sync/protocol';

/** This terminal's stock of one package: the mirror's numbers and its own sales and releases. */
export interface LocalStockRow {
  readonly packageId: string;
  readonly packageName: string;
  readonly packageCode: string;
  readonly bought: number;
  readonly unallocated: number;
  readonly allocated: number;
  /** This terminal's releases (pending and applied). */
  readonly released: number;
  /** This terminal's sales from stock not reversed (synced or not). */
  readonly sold: number;
}

const LEVEL_SQL = `
  SELECT l.package_id AS packageId, COALESCE(p.name, l.package_id) AS packageName, COALESCE(p.code, '') AS packageCode,
         l.bought, l.unallocated, l.allocated,
         (SELECT COALESCE(SUM(r.quantity), 0) FROM stock_releases r
           WHERE r.package_id = l.package_id AND r.state <> 'rejected') AS released,
         (SELECT COALESCE(SUM(s.quantity), 0) FROM sales s
           WHERE s.from_stock = 1 AND s.package_id = l.package_id AND s.status NOT IN ('reversed', 'in_doubt')) AS sold
    FROM stock_levels l LEFT JOIN packages p ON p.id = l.package_id`;

/** Named queries over the stock mirror, this terminal's releases and its sales from stock. */
export class StockStore {
  private readonly q;

  constructor(db: Database) {
    this.q = {
      upsertOwn: db.prepare(
        `INSERT INTO stock_levels (package_id, bought, unallocated, allocated, released, sold, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (package_id) DO UPDATE SET bought = excluded.bought, unallocated = excluded.unallocated,
           allocated = MAX(stock_levels.allocated, excluded.allocated), released = excluded.released,
           sold = excluded.sold, seq = excluded.seq`,
      ),
      upsertPool: db.prepare(
        `INSERT INTO stock_levels (package_id, bought, unallocated, allocated, released, sold, seq)
         VALUES (?, ?, ?, 0, 0, 0, ?)
         ON CONFLICT (package_id) DO UPDATE SET bought = excluded.bought, unallocated = excluded.unallocated,
           seq = excluded.seq`,
      ),
      all: db.prepare(`${LEVEL_SQL} ORDER BY packageName, l.package_id`),
      one: db.prepare(`${LEVEL_SQL} WHERE l.package_id = ?`),
      markFromStock: db.prepare('UPDATE sales SET from_stock = 1 WHERE id = ?'),
      markActivated: db.prepare(
        "UPDATE sales SET server_status = 'activated' WHERE id = ? AND from_stock = 1",
      ),
      insertRelease: db.prepare(
        "INSERT INTO stock_releases (command_id, package_id, quantity, clerk_id, created_at, state) VALUES (?, ?, ?, ?, ?, 'pending')",
      ),
      settleRelease: db.prepare(
        "UPDATE stock_releases SET state = ? WHERE command_id = ? AND state = 'pending'",
      ),
    };
  }

  /**
   * Applies a `stock` change of the feed: the shop's totals always; the allocation only when it is this terminal's
   * (it only ever grows, so an older number never lowers it).
   */
  applyLevel(level: StockLevel, ownTerminalId: string | null, seq: string): void {
    if (ownTerminalId !== null && level.terminalId === ownTerminalId) {
      this.q.upsertOwn.run(
        level.packageId,
        level.bought,
        level.unallocated,
        level.allocated,
        level.released,
        level.sold,
        seq,
      );
    } else {
      this.q.upsertPool.run(level.packageId, level.bought, level.unallocated, seq);
    }
  }

  /** Every package with stock known here, by name. */
  all(): LocalStockRow[] {
    return this.q.all.all() as LocalStockRow[];
  }

  /** One package's stock, or null when the shop never bought it (as far as this terminal knows). */
  one(packageId: string): LocalStockRow | null {
    return (this.q.one.get(packageId) as LocalStockRow | undefined) ?? null;
  }

  /** Marks a sale row as sold from stock (in the transaction that inserts it). */
  markFromStock(saleId: string): void {
    this.q.markFromStock.run(saleId);
  }

  /** The server applied a stock sale: it is `activated`. */
  markActivated(saleId: string): void {
    this.q.markActivated.run(saleId);
  }

  /** Records a release of allocation written to the outbox (in the same transaction). */
  insertRelease(
    commandId: string,
    packageId: string,
    quantity: number,
    clerkId: string | null,
    at: string,
  ): void {
    this.q.insertRelease.run(commandId, packageId, quantity, clerkId, at);
  }

  /** The server answered a release. */
  settleRelease(commandId: string, applied: boolean): void {
    this.q.settleRelease.run(applied ? 'applied' : 'rejected', commandId);
  }
}
