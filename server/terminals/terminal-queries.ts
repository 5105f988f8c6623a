import { AppError } from '../../core/app-error';
import type { CustomerLookup, SaleStatus } from '../../core/sync/protocol';
import type { Database } from '../db/database';
import { toIso, toIsoOrNull, toMinor } from '../db/sql-values';
import { visibleResellerIds } from '../resellers/reseller-service';
import {
  customerLookupQuery,
  journalPageQuery,
  type JournalPageFilter,
  salesCursorQuery,
  salesPageQuery,
  type SalesCursorKey,
} from './page-queries';

/** The terminal's view of its reseller's credit wallet. */
export interface TerminalBalance {
  readonly resellerId: string;
  readonly currency: string;
  readonly balance: number;
}

/** One journal line on a reseller's credit account. */
export interface JournalLine {
  readonly entryId: string;
  readonly kind: string;
  readonly memo: string | null;
  readonly commandId: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly createdAt: string;
}

/** One sale as the sales list shows it. */
export interface SaleRow {
  readonly saleId: string;
  readonly resellerId: string;
  readonly saleNumber: string;
  readonly terminalId: string;
  readonly status: SaleStatus;
  readonly customerAccount: string;
  readonly packageId: string;
  readonly quantity: number;
  readonly retailAmount: number;
  readonly wholesaleAmount: number;
  readonly currency: string;
  readonly offline: boolean;
  readonly createdAt: string;
}

/** Filters of the sales list. */
export interface SalesFilter {
  readonly resellerId?: string;
  readonly status?: SaleStatus;
  readonly customer?: string;
  readonly terminalId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** Resolves which reseller a terminal asks about: its own by default, an affiliate when allowed, else 403. */
export async function resolveVisibleReseller(
  db: Database,
  ownResellerId: string,
  asked: string | undefined,
): Promise<string> {
  if (!asked || asked === ownResellerId) return ownResellerId;
  const visible = await visibleResellerIds(db, ownResellerId);
  if (!visible.includes(asked)) throw new AppError('forbidden', 'that reseller is not yours');
  return asked;
}

/** The reseller's credit balance. */
export async function getTerminalBalance(db: Database, resellerId: string): Promise<TerminalBalance> {
  const rows = await db.query<{ currency: string; balance: unknown }>(
    `SELECT r.currency, a.balance FROM resellers r
       JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id WHERE r.id = $1`,
    [resellerId],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'no such reseller');
  return { resellerId, currency: r.currency, balance: toMinor(r.balance) };
}

/** Movements of the reseller's credit account, newest first, paged by entry id (an index walk from the cursor). */
export async function listJournal(
  db: Database,
  resellerId: string,
  cursor: string | undefined,
  limit: number,
  filter: JournalPageFilter = {},
): Promise<{ entries: JournalLine[]; cursor: string | null; hasMore: boolean }> {
  const q = journalPageQuery(resellerId, cursor, limit + 1, filter);
  const rows = await db.query<{
    entry_id: string;
    kind: string;
    memo: string | null;
    command_id: string | null;
    amount: unknown;
    currency: string;
    created_at: unknown;
  }>(q.sql, q.params);
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      entryId: r.entry_id,
      kind: r.kind,
      memo: r.memo,
      commandId: r.command_id,
      amount: toMinor(r.amount),
      currency: r.currency.trim(),
      createdAt: toIso(r.created_at),
    })),
    cursor: page.length > 0 ? page[page.length - 1]!.entry_id : null,
    hasMore: rows.length > limit,
  };
}

/**
 * Sales of the terminal's reseller and its affiliates, newest first (by time, then sale id), filtered and paged. The
 * cursor is the id of the last sale of the previous page; a cursor naming no visible sale is refused.
 */
export async function listSales(
  db: Database,
  ownResellerId: string,
  f: SalesFilter,
): Promise<{ sales: SaleRow[]; cursor: string | null; hasMore: boolean }> {
  const resellers = f.resellerId
    ? [await resolveVisibleReseller(db, ownResellerId, f.resellerId)]
    : await visibleResellerIds(db, ownResellerId);
  let after: SalesCursorKey | null = null;
  if (f.cursor !== undefined) {
    const c = salesCursorQuery(resellers, f.cursor);
    const found = (await db.query<{ created_at: string; id: string }>(c.sql, c.params))[0];
    if (!found)
      throw new AppError('invalid_cursor', 'This page cursor is not valid; start from the first page.');
    after = { createdAt: found.created_at, id: found.id };
  }
  const q = salesPageQuery(resellers, f, after, f.limit + 1);
  const rows = await db.query<{
    id: string;
    reseller_id: string;
    sale_number: string;
    terminal_id: string;
    status: SaleStatus;
    customer_account: string;
    package_id: string;
    quantity: number;
    retail_amount: unknown;
    wholesale_amount: unknown;
    currency: string;
    offline: boolean;
    created_at: unknown;
  }>(q.sql, q.params);
  const page = rows.slice(0, f.limit);
  return {
    sales: page.map((r) => ({
      saleId: r.id,
      resellerId: r.reseller_id,
      saleNumber: r.sale_number,
      terminalId: r.terminal_id,
      status: r.status,
      customerAccount: r.customer_account,
      packageId: r.package_id,
      quantity: Number(r.quantity),
      retailAmount: toMinor(r.retail_amount),
      wholesaleAmount: toMinor(r.wholesale_amount),
      currency: r.currency.trim(),
      offline: r.offline,
      createdAt: toIso(r.created_at),
    })),
    cursor: page.length > 0 ? page[page.length - 1]!.id : null,
    hasMore: rows.length > f.limit,
  };
}

/** Looks a customer up by account number among the reseller's and its affiliates' customers (404 when unknown). */
export async function lookupCustomer(
  db: Database,
  ownResellerId: string,
  account: string,
): Promise<CustomerLookup> {
  const resellers = await visibleResellerIds(db, ownResellerId);
  const q = customerLookupQuery(resellers, account, ownResellerId);
  const rows = await db.query<{
    name: string | null;
    currency: string;
    balance: unknown;
    last_top_up_at: unknown;
    own: boolean;
  }>(q.sql, q.params);
  const first = rows[0];
  if (!first) throw new AppError('not_found', 'no such customer');
  const currency = first.currency.trim();
  const same = rows.filter((r) => r.currency.trim() === currency);
  const last = same
    .map((r) => toIsoOrNull(r.last_top_up_at))
    .filter((t): t is string => t !== null)
    .sort()
    .pop();
  return {
    account,
    name: first.name,
    lastTopUpAt: last ?? null,
    walletBalance: same.reduce((s, r) => s + toMinor(r.balance), 0),
    currency,
  };
}
