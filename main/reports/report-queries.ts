import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../../core/app-error';
import type {
  ReportClerkRow,
  ReportCustomerRow,
  ReportHourRow,
  ReportPackageRow,
  ReportRefundRow,
  SalesReport,
} from '../../core/contract/types/reports';
import type { LocalSaleStatus } from '../../core/contract/types/sales';
import { countsInTotals } from '../../core/sales/sale-view';

/** Sales read per slice: each slice is one short synchronous read, and the event loop runs between slices. */
export const REPORT_SLICE = 2_000;
/** Top customers listed. */
const TOP_CUSTOMERS = 10;
/** Refunds listed (the count and amount cover all of them). */
const REFUNDS_LISTED = 500;

/**
 * The SQL of the Reports screen, kept apart so a test can EXPLAIN exactly what runs. Sales are read in keyset slices
 * of `sales_created (created_at, id, ...)` over the range (never a scan of every sale, never an OFFSET); refunds by
 * `refunds_refunded_at`.
 */
export const REPORT_SQL = {
  firstSlice: `SELECT s.id, s.created_at AS createdAt, s.status, s.package_id AS packageId, s.package_name AS packageName,
            s.quantity, s.retail_amount AS amount, s.clerk_id AS clerkId, s.customer_account AS account,
            d.seq IS NOT NULL AS offline
       FROM sales s LEFT JOIN offline_decisions d ON d.command_id = s.command_id
      WHERE s.created_at >= ? AND s.created_at < ?
      ORDER BY s.created_at, s.id LIMIT ${REPORT_SLICE}`,
  nextSlice: `SELECT s.id, s.created_at AS createdAt, s.status, s.package_id AS packageId, s.package_name AS packageName,
            s.quantity, s.retail_amount AS amount, s.clerk_id AS clerkId, s.customer_account AS account,
            d.seq IS NOT NULL AS offline
       FROM sales s LEFT JOIN offline_decisions d ON d.command_id = s.command_id
      WHERE (s.created_at, s.id) > (?, ?) AND s.created_at < ?
      ORDER BY s.created_at, s.id LIMIT ${REPORT_SLICE}`,
  refunds: `SELECT r.refund_number AS refundNumber, s.sale_number AS saleNumber, s.package_name AS packageName,
            r.refunded_at AS refundedAt, r.clerk_id AS clerkId, r.cash_back AS cashBack
       FROM refunds r JOIN sales s ON s.id = r.sale_id
      WHERE r.state = 'done' AND r.refunded_at >= ? AND r.refunded_at < ?
      ORDER BY r.refunded_at`,
} as const;

interface SliceRow {
  id: string;
  createdAt: string;
  status: LocalSaleStatus;
  packageId: string;
  packageName: string;
  quantity: number;
  amount: number;
  clerkId: string | null;
  account: string;
  offline: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Lets the event loop run (other contract calls, sync) between two slices. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The Reports screen's figures over this terminal's SQLite. A range is read in slices with the event loop free in
 * between, so a year of a busy till never holds the main process (a sale at the counter goes through meanwhile); a
 * newer report asked for cancels an older one still reading.
 */
export class ReportQueries {
  private readonly q: { [K in keyof typeof REPORT_SQL]: Statement<unknown[]> };
  private readonly clerkNames: Statement<unknown[]>;
  private generation = 0;

  constructor(db: Database) {
    this.q = {
      firstSlice: db.prepare(REPORT_SQL.firstSlice),
      nextSlice: db.prepare(REPORT_SQL.nextSlice),
      refunds: db.prepare(REPORT_SQL.refunds),
    };
    this.clerkNames = db.prepare('SELECT id, name FROM clerks');
  }

  /** Figures for sales made in [from, to) (UTC ISO instants; the screen passes local midnights). Errors: superseded. */
  async sales(from: string, to: string, currency: string): Promise<SalesReport> {
    const mine = ++this.generation;
    const totals = { salesCount: 0, salesAmount: 0, offlineCount: 0, offlineAmount: 0, voidCount: 0 };
    const packages = new Map<string, Mutable<ReportPackageRow>>();
    const clerks = new Map<string | null, Mutable<ReportClerkRow>>();
    const hours = new Map<string, Mutable<ReportHourRow>>();
    const customers = new Map<string, Mutable<ReportCustomerRow>>();
    const clerkOf = (id: string | null): Mutable<ReportClerkRow> => {
      let c = clerks.get(id);
      if (!c) {
        c = { clerkId: id, clerkName: '-', count: 0, amount: 0, refundCount: 0, refundAmount: 0 };
        clerks.set(id, c);
      }
      return c;
    };

    let rows = this.q.firstSlice.all(from, to) as SliceRow[];
    for (;;) {
      for (const r of rows) {
        if (!countsInTotals(r.status)) {
          totals.voidCount += 1;
          continue;
        }
        totals.salesCount += 1;
        totals.salesAmount += r.amount;
        if (r.offline) {
          totals.offlineCount += 1;
          totals.offlineAmount += r.amount;
        }
        const p = packages.get(r.packageId);
        if (p) {
          p.count += 1;
          p.quantity += r.quantity;
          p.amount += r.amount;
        } else
          packages.set(r.packageId, {
            packageId: r.packageId,
            packageName: r.packageName,
            count: 1,
            quantity: r.quantity,
            amount: r.amount,
          });
        const c = clerkOf(r.clerkId);
        c.count += 1;
        c.amount += r.amount;
        const hour = `${r.createdAt.slice(0, 13)}:00:00.000Z`;
        const h = hours.get(hour);
        if (h) {
          h.count += 1;
          h.amount += r.amount;
        } else hours.set(hour, { hour, count: 1, amount: r.amount });
        const k = customers.get(r.account);
        if (k) {
          k.count += 1;
          k.amount += r.amount;
        } else customers.set(r.account, { account: r.account, count: 1, amount: r.amount });
      }
      if (rows.length < REPORT_SLICE) break;
      const last = rows[rows.length - 1]!;
      await yieldToLoop();
      if (mine !== this.generation)
        throw new AppError('superseded', 'A newer report was asked for; this one stopped.');
      rows = this.q.nextSlice.all(last.createdAt, last.id, to) as SliceRow[];
    }

    const names = new Map(
      (this.clerkNames.all() as { id: string; name: string }[]).map((c) => [c.id, c.name] as const),
    );
    const refunds = this.q.refunds.all(from, to) as (Omit<ReportRefundRow, 'clerkName'> & {
      clerkId: string;
    })[];
    let refundAmount = 0;
    for (const r of refunds) {
      refundAmount += r.cashBack;
      const c = clerkOf(r.clerkId);
      c.refundCount += 1;
      c.refundAmount += r.cashBack;
    }
    for (const c of clerks.values()) c.clerkName = c.clerkId ? (names.get(c.clerkId) ?? '-') : '-';
    return {
      from,
      to,
      currency,
      totals: { ...totals, refundCount: refunds.length, refundAmount },
      byPackage: [...packages.values()].sort(
        (a, b) => b.amount - a.amount || a.packageName.localeCompare(b.packageName),
      ),
      byClerk: [...clerks.values()].sort(
        (a, b) => b.amount - a.amount || a.clerkName.localeCompare(b.clerkName),
      ),
      byHour: [...hours.values()].sort((a, b) => (a.hour < b.hour ? -1 : 1)),
      topCustomers: [...customers.values()]
        .sort((a, b) => b.amount - a.amount || b.count - a.count || (a.account < b.account ? -1 : 1))
        .slice(0, TOP_CUSTOMERS),
      refunds: refunds
        .slice(0, REFUNDS_LISTED)
        .map(({ clerkId, ...r }) => ({ ...r, clerkName: names.get(clerkId) ?? '-' })),
    };
  }
}
