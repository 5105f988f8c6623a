import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../../core/app-error';
import type {
  SaleBusinessStatus,
  SaleListItem,
  SalePage,
  SaleSyncState,
} from '../../core/contract/types/sales';
import type { TotalsSale } from '../../core/sales/daily-totals';
import { businessStatusOf, syncStateOf } from '../../core/sales/sale-view';
import { toSale, type SaleRow } from './sale-store';

/** Filters of the Sales screen; times are UTC ISO strings (`from` inclusive, `to` exclusive). */
export interface SaleFilter {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly clerkId?: string | undefined;
  readonly status?: SaleBusinessStatus | undefined;
  readonly sync?: SaleSyncState | undefined;
  /** A substring of the customer account. */
  readonly customer?: string | undefined;
  readonly limit: number;
  /** The `next` of the previous page, or null for the first. */
  readonly before: string | null;
}

/** A `sales` row with what the Sales screen shows beside it. */
export type ListRow = SaleRow & { clerk_name: string | null; print_count: number };

/** Selects `ListRow`s from `sales s` (joined to its clerk and counting its receipt prints). */
export const SELECT_ITEM = `SELECT s.*, c.name AS clerk_name,
    (SELECT COUNT(*) FROM receipt_prints p WHERE p.sale_id = s.id) AS print_count
  FROM sales s LEFT JOIN clerks c ON c.id = s.clerk_id`;

/** Maps a `ListRow` to the Sales screen's item. */
export const toItem = (r: ListRow): SaleListItem => {
  const sale = toSale(r);
  return {
    ...sale,
    clerkName: r.clerk_name,
    businessStatus: businessStatusOf(sale.serverStatus),
    syncState: syncStateOf(sale.status),
    printCount: r.print_count,
  };
};

/** Encodes the position after the last row of a page (opaque to the UI). */
function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || extra !== undefined || Number.isNaN(Date.parse(createdAt))) {
    throw new AppError('invalid_cursor', 'This page cursor is not valid; start from the first page.');
  }
  return { createdAt, id };
}

/** The SQL and parameters of one page (fixed fragments only; every value is a bound parameter). */
function buildPageQuery(f: SaleFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  // Equality filters first: the planner picks the index they lead.
  if (f.clerkId !== undefined) {
    where.push('s.clerk_id = ?');
    params.push(f.clerkId);
  }
  if (f.status !== undefined) {
    where.push('s.business_status = ?');
    params.push(f.status);
  }
  if (f.sync !== undefined) {
    where.push('s.sync_state = ?');
    params.push(f.sync);
  }
  if (f.from !== undefined) {
    where.push('s.created_at >= ?');
    params.push(f.from);
  }
  if (f.to !== undefined) {
    where.push('s.created_at < ?');
    params.push(f.to);
  }
  if (f.customer !== undefined && f.customer.length > 0) {
    where.push('instr(s.customer_account, ?) > 0');
    params.push(f.customer);
  }
  if (f.before !== null) {
    const c = decodeCursor(f.before);
    where.push('(s.created_at, s.id) < (?, ?)');
    params.push(c.createdAt, c.id);
  }
  params.push(f.limit + 1);
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  return { sql: `${SELECT_ITEM}${filter} ORDER BY s.created_at DESC, s.id DESC LIMIT ?`, params };
}

/**
 * Read queries of the Sales screen and the totals, over the indexes of migration 6: each filter column leads an
 * index ending in (created_at, id), so a page is an index range scan in newest-first order, never a sort.
 */
export class SaleQueries {
  private readonly byId: Statement;
  private readonly since: Statement;
  private readonly pages = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    this.byId = db.prepare(`${SELECT_ITEM} WHERE s.id = ?`);
    this.since = db.prepare(
      'SELECT status, retail_amount, clerk_id, created_at FROM sales WHERE created_at >= ? ORDER BY created_at',
    );
  }

  /** One sale as the Sales screen shows it, or AppError `not_found`. */
  get(saleId: string): SaleListItem {
    const r = this.byId.get(saleId) as ListRow | undefined;
    if (!r) throw new AppError('not_found', 'No such sale on this terminal.');
    return toItem(r);
  }

  /** A page of sales, newest first. */
  list(f: SaleFilter): SalePage {
    const { sql, params } = buildPageQuery(f);
    const rows = this.statement(sql).all(...params) as ListRow[];
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toItem),
      next: rows.length > f.limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  /** The facts totals need of every sale made at or after `since` (UTC ISO). */
  salesSince(since: string): TotalsSale[] {
    return (
      this.since.all(since) as {
        status: TotalsSale['status'];
        retail_amount: number;
        clerk_id: string | null;
        created_at: string;
      }[]
    ).map((r) => ({
      status: r.status,
      retailAmount: r.retail_amount,
      clerkId: r.clerk_id,
      createdAt: r.created_at,
    }));
  }

  /** The query plan of a page, one line per step (tests check each filter uses an index and no sort). */
  explain(f: SaleFilter): string[] {
    const { sql, params } = buildPageQuery(f);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
      (r) => r.detail,
    );
  }

  /** Statements by SQL text: the filter combinations are few, so each is prepared once. */
  private statement(sql: string): Statement {
    let s = this.pages.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.pages.set(sql, s);
    }
    return s;
  }
}
