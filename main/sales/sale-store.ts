import type { Database } from 'better-sqlite3';
import type { LocalSaleStatus, SaleRecord } from '../../core/contract/types/sales';
import type { Package } from '../../core/sync/protocol';

/** A `sales` row as SQLite returns it. */
export interface SaleRow {
  id: string;
  sale_number: string;
  command_id: string;
  package_id: string;
  package_name: string;
  customer_account: string;
  quantity: number;
  currency: string;
  retail_amount: number;
  wholesale_amount: number;
  tendered_amount: number | null;
  change_amount: number | null;
  clerk_id: string | null;
  created_at: string;
  status: LocalSaleStatus;
  server_status: string | null;
  reason: string | null;
  message: string | null;
  /** 1 for a sale from this terminal's inventory stock (migration 0016). */
  from_stock?: number;
}

interface PackageRow {
  id: string;
  code: string;
  name: string;
  kind: 'topup' | 'bundle';
  face_value: number;
  wholesale_price: number;
  retail_price: number;
  currency: string;
  validity_days: number | null;
  active: number;
  version: number;
  updated_at: string;
}

const toPackage = (r: PackageRow): Package => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  faceValue: r.face_value,
  wholesalePrice: r.wholesale_price,
  retailPrice: r.retail_price,
  currency: r.currency,
  validityDays: r.validity_days,
  active: r.active === 1,
  version: r.version,
  updatedAt: r.updated_at,
});

/** Maps a `sales` row to the record the contract uses. */
export const toSale = (r: SaleRow): SaleRecord => ({
  id: r.id,
  saleNumber: r.sale_number,
  commandId: r.command_id,
  packageId: r.package_id,
  packageName: r.package_name,
  customerAccount: r.customer_account,
  quantity: r.quantity,
  currency: r.currency,
  retailAmount: r.retail_amount,
  wholesaleAmount: r.wholesale_amount,
  tenderedAmount: r.tendered_amount,
  changeAmount: r.change_amount,
  clerkId: r.clerk_id,
  createdAt: r.created_at,
  status: r.status,
  serverStatus: r.server_status,
  reason: r.reason,
  message: r.message,
  // Only sales from stock carry the flag (a sale with credits reads as before).
  ...(r.from_stock === 1 ? { fromStock: true } : {}),
});

/** Named queries over sales and the packages mirror. */
export class SaleStore {
  private readonly q;

  constructor(db: Database) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO sales (id, sale_number, command_id, package_id, package_name, customer_account, quantity, currency,
           retail_amount, wholesale_amount, tendered_amount, change_amount, clerk_id, created_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      get: db.prepare('SELECT * FROM sales WHERE id = ?'),
      setStatus: db.prepare('UPDATE sales SET status = ? WHERE id = ?'),
      confirm: db.prepare(
        `UPDATE sales SET status = CASE WHEN status = 'in_doubt' THEN 'confirmed_after_refusal' ELSE 'confirmed' END,
           server_status = COALESCE(server_status, 'purchased') WHERE id = ?`,
      ),
      reverse: db.prepare("UPDATE sales SET status = 'reversed', reason = ?, message = ? WHERE id = ?"),
      pkg: db.prepare('SELECT * FROM packages WHERE id = ?'),
      // Active packages, and a package the operator deactivated while this terminal holds prepaid stock of it
      // (sold from stock only: review F4), as the stock view counts what is left here (main/stock/stock-store.ts).
      activePackages: db.prepare(
        `SELECT * FROM packages p WHERE p.currency = ? AND (p.active = 1 OR EXISTS (
           SELECT 1 FROM stock_levels l WHERE l.package_id = p.id AND l.allocated
             - (SELECT COALESCE(SUM(r.quantity), 0) FROM stock_releases r
                 WHERE r.package_id = p.id AND r.state <> 'rejected')
             - (SELECT COALESCE(SUM(s.quantity), 0) FROM sales s
                 WHERE s.from_stock = 1 AND s.package_id = p.id AND s.status NOT IN ('reversed', 'in_doubt')) > 0))
         ORDER BY p.retail_price, p.name`,
      ),
      allIds: db.prepare('SELECT id FROM sales'),
    };
  }

  /** Inserts a new sale row (call inside the ledger transaction). */
  insert(s: SaleRecord): void {
    this.q.insert.run(
      s.id,
      s.saleNumber,
      s.commandId,
      s.packageId,
      s.packageName,
      s.customerAccount,
      s.quantity,
      s.currency,
      s.retailAmount,
      s.wholesaleAmount,
      s.tenderedAmount,
      s.changeAmount,
      s.clerkId,
      s.createdAt,
      s.status,
    );
  }

  /** One sale, or null. */
  get(id: string): SaleRecord | null {
    const r = this.q.get.get(id) as SaleRow | undefined;
    return r ? toSale(r) : null;
  }

  /** Sets the local status (queued, in_doubt). */
  setStatus(id: string, status: LocalSaleStatus): void {
    this.q.setStatus.run(status, id);
  }

  /** The server applied the sale. */
  confirm(id: string): void {
    this.q.confirm.run(id);
  }

  /** The server rejected the sale (its journal entry is compensated by the ledger). */
  reverse(id: string, reason: string, message: string): void {
    this.q.reverse.run(reason, message, id);
  }

  /** A package from the mirror, or null. */
  package(id: string): Package | null {
    const r = this.q.pkg.get(id) as PackageRow | undefined;
    return r ? toPackage(r) : null;
  }

  /** Active packages in a currency, with deactivated ones this terminal still has stock of, cheapest first. */
  activePackages(currency: string): Package[] {
    return (this.q.activePackages.all(currency) as PackageRow[]).map(toPackage);
  }

  /** Every sale id on this terminal (tests reconcile with the server). */
  allIds(): string[] {
    return (this.q.allIds.all() as { id: string }[]).map((r) => r.id);
  }
}
