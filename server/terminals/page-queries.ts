import type { SaleStatus } from '../../core/sync/protocol';

/**
 * The SQL of the paged reads a terminal makes (journal, sales, customer lookup), kept apart from the services so the
 * query-plan tests EXPLAIN exactly what runs. Each page walks an index in the order it returns (keyset pagination:
 * the cursor is a bound on the index key, never an OFFSET) and reads only the rows it returns, however long the
 * reseller's history: no `$n IS NULL OR ...` branches (they defeat the planner), the SQL is built from the filters
 * actually present, every value a bound parameter.
 */

/** A statement and its positional parameters. */
export interface PageQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * A page of movements on one account of a reseller, newest entry first: `postings_account (reseller_id, account_id,
 * entry_id)` walked backwards from the cursor. `accountSql` picks the account with a one-row subquery on $1 (and $2),
 * so the walk has both leading columns as constants.
 */
function accountMovementsQuery(
  select: string,
  accountSql: string,
  keys: readonly unknown[],
  cursor: string | undefined,
  limit: number,
  filter: JournalPageFilter = {},
): PageQuery {
  const params: unknown[] = [...keys];
  let after = '';
  if (cursor !== undefined) {
    params.push(cursor);
    after = ` AND p.entry_id < $${params.length}::uuid`;
  }
  // Filters narrow the rows of the walk; they never change its index or its order: the entry is then read per
  // posting through a lateral subquery the planner may not flatten (OFFSET 0), so a selective kind cannot tempt it
  // into scanning journal_entries and sorting.
  const filtered = filter.kind !== undefined || filter.from !== undefined || filter.to !== undefined;
  if (filter.kind !== undefined) {
    params.push(filter.kind);
    after += ` AND e.kind = $${params.length}`;
  }
  if (filter.from !== undefined) {
    params.push(filter.from);
    after += ` AND e.created_at >= $${params.length}::timestamptz`;
  }
  if (filter.to !== undefined) {
    params.push(filter.to);
    after += ` AND e.created_at < $${params.length}::timestamptz`;
  }
  params.push(limit);
  const entry = filtered
    ? `CROSS JOIN LATERAL (SELECT j.kind, j.memo, j.command_id, j.created_at FROM journal_entries j
          WHERE j.reseller_id = p.reseller_id AND j.id = p.entry_id OFFSET 0) e`
    : 'JOIN journal_entries e ON e.reseller_id = p.reseller_id AND e.id = p.entry_id';
  return {
    sql: `SELECT ${select}
       FROM postings p
       ${entry}
      WHERE p.reseller_id = $1 AND p.account_id = (${accountSql})${after}
      ORDER BY p.entry_id DESC LIMIT $${params.length}`,
    params,
  };
}

/** The journal page's optional filters: an entry kind, and a half-open UTC range [from, to) of its time. */
export interface JournalPageFilter {
  readonly kind?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** A page of the reseller's credit account (GET /v1/terminal/journal); `limit` rows at most. */
export function journalPageQuery(
  resellerId: string,
  cursor: string | undefined,
  limit: number,
  filter: JournalPageFilter = {},
): PageQuery {
  return accountMovementsQuery(
    'p.entry_id, e.kind, e.memo, e.command_id, p.amount, p.currency, e.created_at',
    'SELECT credit_account_id FROM resellers WHERE id = $1',
    [resellerId],
    cursor,
    limit,
    filter,
  );
}

/** A page of a customer's wallet (GET /v1/customer/history); `limit` rows at most. */
export function walletHistoryPageQuery(
  resellerId: string,
  customerId: string,
  cursor: string | undefined,
  limit: number,
): PageQuery {
  return accountMovementsQuery(
    'p.entry_id, e.kind, e.memo, p.amount, e.created_at',
    'SELECT wallet_account_id FROM customers WHERE reseller_id = $1 AND id = $2',
    [resellerId, customerId],
    cursor,
    limit,
  );
}

/** The filters of a sales page, as the route validated them. */
export interface SalesPageFilter {
  readonly status?: SaleStatus | undefined;
  readonly customer?: string | undefined;
  readonly terminalId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Where the previous page ended: its last sale's time (UTC ISO text, microseconds kept) and id. */
export interface SalesCursorKey {
  readonly createdAt: string;
  readonly id: string;
}

/** The columns of a sales page. */
export const SALES_PAGE_COLUMNS = `id, reseller_id, sale_number, terminal_id, status, customer_account, package_id,
  quantity, retail_amount, wholesale_amount, currency, offline, created_at`;

/** The time and id of the sale a cursor names, among the visible resellers' sales (one primary-key probe each). */
export function salesCursorQuery(resellers: readonly string[], saleId: string): PageQuery {
  return {
    sql: `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at, id
            FROM sales WHERE reseller_id = ANY($1::uuid[]) AND id = $2`,
    params: [resellers, saleId],
  };
}

/**
 * A page of sales of `resellers`, newest first by (created_at, id) so equal times page without duplicates or skips.
 * Each filter leads an index of migration 14 that ends in (created_at, id): `sales_created`, `sales_status_created`,
 * `sales_customer_created`, `sales_terminal`. With affiliates, one arm per reseller (each ordered and limited) joined by
 * UNION ALL: PostgreSQL merges the arms' index walks (Merge Append) instead of sorting.
 */
export function salesPageQuery(
  resellers: readonly string[],
  f: SalesPageFilter,
  after: SalesCursorKey | null,
  limit: number,
): PageQuery {
  if (resellers.length === 0) throw new Error('a sales page needs at least one reseller');
  const params: unknown[] = [];
  const bind = (value: unknown, cast: string): string => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const conds: string[] = [];
  if (f.status !== undefined) conds.push(`status = ${bind(f.status, 'text')}`);
  if (f.customer !== undefined) conds.push(`customer_account = ${bind(f.customer, 'text')}`);
  if (f.terminalId !== undefined) conds.push(`terminal_id = ${bind(f.terminalId, 'uuid')}`);
  if (f.from !== undefined) conds.push(`created_at >= ${bind(f.from, 'timestamptz')}`);
  if (f.to !== undefined) conds.push(`created_at < ${bind(f.to, 'timestamptz')}`);
  if (after !== null)
    conds.push(`(created_at, id) < (${bind(after.createdAt, 'timestamptz')}, ${bind(after.id, 'uuid')})`);
  const rest = conds.map((c) => ` AND ${c}`).join('');
  const arms = resellers.map(
    (r) => `SELECT ${SALES_PAGE_COLUMNS} FROM sales WHERE reseller_id = ${bind(r, 'uuid')}${rest}`,
  );
  const order = ` ORDER BY created_at DESC, id DESC LIMIT ${bind(limit, 'int')}`;
  // Each arm ordered and limited on its own: only that form gets a Merge Append of the arms' index walks.
  const sql =
    arms.length === 1
      ? `${arms[0]}${order}`
      : `${arms.map((a) => `(${a}${order})`).join(' UNION ALL ')}${order}`;
  return { sql, params };
}

/**
 * The customer lookup (the Sell screen's hint): the customer under each visible reseller, own first, with its last
 * top-up read from the end of `sales_customer_created` (one index probe, not a scan of the customer's sales).
 * Sales store the account the customer was found by, so the account names the customer's sales.
 */
export function customerLookupQuery(
  resellers: readonly string[],
  account: string,
  ownResellerId: string,
): PageQuery {
  return {
    sql: `SELECT c.name, a.currency, a.balance, c.reseller_id = $3 AS own,
            (SELECT s.created_at FROM sales s
              WHERE s.reseller_id = c.reseller_id AND s.customer_account = c.account_number
              ORDER BY s.created_at DESC LIMIT 1) AS last_top_up_at
       FROM customers c JOIN accounts a ON a.reseller_id = c.reseller_id AND a.id = c.wallet_account_id
      WHERE c.reseller_id = ANY($1::uuid[]) AND c.account_number = $2
      ORDER BY own DESC`,
    params: [resellers, account, ownResellerId],
  };
}
