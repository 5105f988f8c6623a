import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../../core/app-error';
import type {
  SaleBusinessStatus,
  SaleListItem,
  SalePage,
  SaleSyncState,
} from '../../core/contract/types/sales';
import type { TotalsSale } from '../../core/sales/daily-totals';
import { businessStatusOf, NOT_SOLD_STATUSES, syncStateOf } from '../../core/sales/sale-view';
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
  /** Sold from this terminal's inventory stock, or with credits. */
  readonly source?: 'stock' | 'credits' | undefined;
  readonly limit: number;
  /** The `next` of the previous page, or null for the first. */
  readonly before: string | null;
}

/** A `sales` row with what the Sales screen shows beside it. */
export type ListRow = SaleRow & { clerk_name: string | null; print_count: number };

/** Selects `ListRow`s from `sales s` (joined to its clerk and counting its receipt prints). */
export const SELECT_ITEM = `SELECT s.*, c.name AS clerk_name,
    (SELECT COUNT(*) FROM receipt_prints p WHERE p.sale_id = s.id AND p.kind = 'sale') AS print_count
  FROM sales s LEFT JOIN clerks c ON c.id = s.clerk_id`;

/** Maps a `ListRow` to the Sales screen's item. */
export const toItem = (r: ListRow): SaleListItem => {
  const sale = toSale(r);
  return {
    ...sale,
    clerkName: r.clerk_name,
    businessStatus: businessStatusOf(sale.status, sale.fromStock ? 'activated' : sale.serverStatus),
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

/**
 * At most this many accounts matching a customer filter are merged walk by walk; more matching accounts means their
 * sales are common, so the newest-first walk of `sales_created` finds a page of them quickly.
 */
export const CUSTOMER_MERGE_MAX = 32;

/** The shortest text the trigram index can look up; a shorter one scans the (distinct) accounts instead. */
const TRIGRAM_MIN = 3;

/** How the customer filter of one page is answered. */
type CustomerMatch =
  | { readonly kind: 'none' }
  | { readonly kind: 'accounts'; readonly accounts: readonly string[] }
  | { readonly kind: 'walk'; readonly text: string };

/**
 * Business statuses as SQL literals. `sales_business_created` indexes only sales not purchased (a new sale is
 * purchased, so it writes no page there); a purchased filter walks `sales_created`, since most sales are purchased.
 * Literals, not bound values: the planner decides on a partial index when it prepares the statement.
 */
const BUSINESS_STATUS_SQL: Record<Exclude<SaleBusinessStatus, 'not_sold'>, string> = {
  purchased: "'purchased'",
  refunded: "'refunded'",
  activated: "'activated'",
};

/**
 * The WHERE terms of every filter but the customer's (fixed fragments only; every value a bound parameter, except the
 * business status, a literal from a fixed table).
 */
function otherConditions(f: SaleFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  // Equality filters first: the planner picks the index they lead.
  if (f.clerkId !== undefined) {
    where.push('s.clerk_id = ?');
    params.push(f.clerkId);
  }
  if (f.status === 'not_sold') {
    where.push(`s.status IN (${NOT_SOLD_STATUSES.map(() => '?').join(', ')})`);
    params.push(...NOT_SOLD_STATUSES);
  } else if (f.status !== undefined) {
    // The stored business status is the server's; a sale that did not go through is never "purchased". A sale from
    // stock is activated from the counter on (the server says so once it syncs).
    const status = BUSINESS_STATUS_SQL[f.status];
    where.push(
      f.status === 'activated'
        ? `(s.business_status = ${status} OR s.from_stock = 1)`
        : `(s.business_status = ${status} AND s.from_stock = 0)`,
    );
    // The partial index's own condition, word for word: SQLite uses a partial index only when the query states it.
    if (f.status === 'refunded') where.push("s.business_status <> 'purchased'");
    where.push(`s.status NOT IN (${NOT_SOLD_STATUSES.map(() => '?').join(', ')})`);
    params.push(...NOT_SOLD_STATUSES);
  }
  if (f.sync !== undefined) {
    where.push('s.sync_state = ?');
    params.push(f.sync);
  }
  if (f.source !== undefined) {
    where.push('s.from_stock = ?');
    params.push(f.source === 'stock' ? 1 : 0);
  }
  if (f.from !== undefined) {
    where.push('s.created_at >= ?');
    params.push(f.from);
  }
  if (f.to !== undefined) {
    where.push('s.created_at < ?');
    params.push(f.to);
  }
  if (f.before !== null) {
    const c = decodeCursor(f.before);
    where.push('(s.created_at, s.id) < (?, ?)');
    params.push(c.createdAt, c.id);
  }
  return { where, params };
}

const ORDER = ' ORDER BY created_at DESC, id DESC LIMIT ?';

/**
 * The SQL and parameters of one page. A customer filter matching a few accounts becomes one arm per account over
 * `sales_customer_created` (SQLite merges the arms' ordered walks, never sorts); otherwise the filters pick their
 * index and the page is that index walked newest first.
 */
function buildPageQuery(
  f: SaleFilter,
  customer: Exclude<CustomerMatch, { kind: 'none' }> | null,
): { sql: string; params: unknown[] } {
  const { where, params } = otherConditions(f);
  if (customer?.kind === 'accounts') {
    const arm = `${SELECT_ITEM_FROM_CUSTOMER} WHERE ${['s.customer_account = ?', ...where].join(' AND ')}`;
    const all: unknown[] = [];
    for (const account of customer.accounts) all.push(account, ...params);
    all.push(f.limit + 1);
    return { sql: `${customer.accounts.map(() => arm).join(' UNION ALL ')}${ORDER}`, params: all };
  }
  if (customer?.kind === 'walk') {
    where.push('instr(s.customer_account, ?) > 0');
    params.push(customer.text);
  }
  params.push(f.limit + 1);
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  return { sql: `${SELECT_ITEM}${filter} ORDER BY s.created_at DESC, s.id DESC LIMIT ?`, params };
}

/** `SELECT_ITEM` reading `sales` through its customer index (one account's sales, newest first). */
const SELECT_ITEM_FROM_CUSTOMER = SELECT_ITEM.replace(
  'FROM sales s LEFT JOIN',
  'FROM sales s INDEXED BY sales_customer_created LEFT JOIN',
);

/**
 * Read queries of the Sales screen and the totals, over the indexes of migrations 6 and 14: each filter column leads
 * an index ending in (created_at, id), so a page is an index range scan in newest-first order, never a sort.
 */
export class SaleQueries {
  private readonly byId: Statement;
  private readonly since: Statement;
  private readonly pages = new Map<string, Statement>();
  private readonly accountsByTrigram: Statement;
  private readonly accountsByScan: Statement;

  constructor(private readonly db: Database) {
    this.byId = db.prepare(`${SELECT_ITEM} WHERE s.id = ?`);
    // instr() confirms the trigram match byte for byte (the filter's meaning is "the account contains the text").
    this.accountsByTrigram = db.prepare(
      `SELECT a.account FROM sale_customer_accounts_fts f JOIN sale_customer_accounts a ON a.id = f.rowid
        WHERE sale_customer_accounts_fts MATCH ? AND instr(a.account, ?) > 0 LIMIT ?`,
    );
    this.accountsByScan = db.prepare(
      'SELECT account FROM sale_customer_accounts WHERE instr(account, ?) > 0 LIMIT ?',
    );
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
    const customer = this.customerMatch(f);
    if (customer?.kind === 'none') {
      if (f.before !== null) decodeCursor(f.before);
      return { items: [], next: null };
    }
    const { sql, params } = buildPageQuery(f, customer);
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
    const customer = this.customerMatch(f);
    if (customer?.kind === 'none') return ['no account matches: no query'];
    const { sql, params } = buildPageQuery(f, customer);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
      (r) => r.detail,
    );
  }

  /** How the page answers its customer filter: the accounts containing the text, when they are few. */
  private customerMatch(f: SaleFilter): CustomerMatch | null {
    const text = f.customer;
    if (text === undefined || text.length === 0) return null;
    const rows = (
      text.length >= TRIGRAM_MIN
        ? this.accountsByTrigram.all(`"${text.replaceAll('"', '""')}"`, text, CUSTOMER_MERGE_MAX + 1)
        : this.accountsByScan.all(text, CUSTOMER_MERGE_MAX + 1)
    ) as { account: string }[];
    if (rows.length === 0) return { kind: 'none' };
    if (rows.length > CUSTOMER_MERGE_MAX) return { kind: 'walk', text };
    return { kind: 'accounts', accounts: rows.map((r) => r.account) };
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
