import type { Database } from '../../../server/db/database';
import { TOP_UP_PRIORITY } from '../../../server/wallet/grant-spending-order';

/** Whose history to grow: a reseller, one of its terminals and a package it sells. */
export interface BulkHistoryTarget {
  readonly resellerId: string;
  readonly terminalId: string;
  readonly packageId: string;
  readonly packageVersion: number;
}

/** How much history to add. */
export interface BulkHistoryOptions {
  /** Sales to add (each with its journal entry of four postings and its applied command). */
  readonly sales: number;
  /** Customers the sales are spread over (round robin), created for it. */
  readonly customers: number;
  /** Time of the first sale; one sale every `stepMs` after it (so the whole history is older than `now`). */
  readonly startMs: number;
  readonly stepMs: number;
  /** Every n-th sale is offline, numbered 1, 2, ... in the terminal's offline window; 0 for none. */
  readonly offlineEvery: number;
  /** Distinguishes the ids and accounts of two calls on the same reseller (0-9). */
  readonly batch: number;
}

/** What the history holds, for the reads that look into it. */
export interface BulkHistory {
  /** The account numbers of the customers created, in order. */
  readonly accounts: readonly string[];
  /** The highest offline decision number used (0 when none). */
  readonly lastOfflineSeq: number;
}

/** A UUIDv7 made in SQL from a time in ms and a counter (`tag`, one hex digit, keeps kinds of ids apart). */
function v7(ms: string, counter: string, tag: string): string {
  return `(lpad(to_hex(${ms}), 12, '0') || '7${tag}' || lpad(to_hex((${counter}) % 256), 2, '0') || '8'
           || lpad(to_hex(${counter}), 15, '0'))::uuid`;
}

/** A stable random-looking UUID (version 4 layout) from text (customers, wallets). */
function hashedUuid(text: string): string {
  return `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
}

/**
 * Grows a reseller's history fast, with set SQL (generate_series) instead of the API: customers with wallets, sales,
 * their journal entries and postings (credit, revenue, grant issuance, customer wallet, as a sale posts them), their
 * applied commands (one in a thousand refused, offline, for the manager's list), and a credit purchase covering them,
 * then moves the cached balances by what was posted and refreshes the planner's statistics. The ledger still sums.
 */
export async function addBulkHistory(
  db: Database,
  t: BulkHistoryTarget,
  o: BulkHistoryOptions,
): Promise<BulkHistory> {
  if (!Number.isInteger(o.batch) || o.batch < 0 || o.batch > 9) throw new RangeError('batch is 0-9');
  const tag = String(o.batch);
  const r = (
    await db.query<{
      credit_account_id: string;
      revenue_account_id: string;
      grant_account_id: string;
      issuance_account_id: string;
      currency: string;
    }>(
      `SELECT credit_account_id, revenue_account_id, grant_account_id, issuance_account_id, currency
         FROM resellers WHERE id = $1`,
      [t.resellerId],
    )
  )[0];
  if (!r) throw new Error('no such reseller');
  const seed = `'${t.resellerId}-${tag}-'`;
  const customer = (g: string) => hashedUuid(`${seed} || 'c' || ${g}`);
  const wallet = (g: string) => hashedUuid(`${seed} || 'w' || ${g}`);
  const account = (g: string) => `'+1999${tag}' || lpad((${g})::text, 8, '0')`;
  const params = [t.resellerId, r.currency];
  await db.query(
    `INSERT INTO accounts (reseller_id, id, kind, customer_id, currency)
     SELECT $1, ${wallet('g')}, 'customer_wallet', ${customer('g')}, $2 FROM generate_series(1, ${o.customers}) g`,
    params,
  );
  await db.query(
    `INSERT INTO customers (reseller_id, id, account_number, wallet_account_id)
     SELECT $1, ${customer('g')}, ${account('g')}, ${wallet('g')} FROM generate_series(1, ${o.customers}) g`,
    [t.resellerId],
  );
  // g: the sale's number; c: its customer; ms: its time.
  const series = `(SELECT g, 1 + (g - 1) % ${o.customers} AS c, ($2::bigint + (g - 1) * $3::bigint) AS ms
                     FROM generate_series(1, ${o.sales}) g) x`;
  const offline = o.offlineEvery > 0 ? `x.g % ${o.offlineEvery} = 0` : 'false';
  await db.query(
    `INSERT INTO sales (reseller_id, id, sale_number, terminal_id, customer_id, customer_account, package_id,
                        package_version, quantity, retail_amount, wholesale_amount, currency, status, offline,
                        offline_seq, command_id, entry_id, grant_id, created_at, received_at)
     SELECT $1, ${v7('x.ms', 'x.g', 'a')}, 'BULK${tag}-' || x.g, $4, ${customer('x.c')}, ${account('x.c')}, $5, $6, 1,
            1000, 950, $7, CASE WHEN x.g % 50 = 0 THEN 'refunded' ELSE 'purchased' END, ${offline},
            CASE WHEN ${offline} THEN x.g / ${Math.max(1, o.offlineEvery)} END, ${v7('x.ms', 'x.g', 'b')},
            ${v7('x.ms', 'x.g', 'c')}, ${v7('x.ms', 'x.g', 'd')}, to_timestamp(x.ms / 1000.0),
            to_timestamp(x.ms / 1000.0)
       FROM ${series}`,
    [t.resellerId, o.startMs, o.stepMs, t.terminalId, t.packageId, t.packageVersion, r.currency],
  );
  await db.query(
    `INSERT INTO commands (reseller_id, id, terminal_id, type, payload_hash, status, reason, message, offline,
                           created_at, received_at)
     SELECT $1, ${v7('x.ms', 'x.g', 'b')}, $4, 'sale.create', md5(x.g::text),
            CASE WHEN x.g % 1000 = 0 THEN 'rejected' ELSE 'applied' END,
            CASE WHEN x.g % 1000 = 0 THEN 'insufficient_credits' END,
            CASE WHEN x.g % 1000 = 0 THEN 'not enough credits' END,
            x.g % 1000 = 0, to_timestamp(x.ms / 1000.0), to_timestamp(x.ms / 1000.0)
       FROM ${series}`,
    [t.resellerId, o.startMs, o.stepMs, t.terminalId],
  );
  await db.query(
    `INSERT INTO journal_entries (reseller_id, id, kind, command_id, memo, created_at)
     SELECT $1, ${v7('x.ms', 'x.g', 'c')}, 'sale', ${v7('x.ms', 'x.g', 'b')}, 'BULK${tag}-' || x.g,
            to_timestamp(x.ms / 1000.0)
       FROM ${series}`,
    [t.resellerId, o.startMs, o.stepMs],
  );
  await db.query(
    `INSERT INTO postings (reseller_id, entry_id, line, account_id, amount, currency)
     SELECT $1, ${v7('x.ms', 'x.g', 'c')}, l.line,
            CASE l.line WHEN 1 THEN $4::uuid WHEN 2 THEN $5::uuid WHEN 3 THEN $6::uuid ELSE ${wallet('x.c')} END,
            CASE l.line WHEN 1 THEN -950 WHEN 2 THEN 950 WHEN 3 THEN -1000 ELSE 1000 END, $7
       FROM ${series} CROSS JOIN (VALUES (1), (2), (3), (4)) l(line)`,
    [
      t.resellerId,
      o.startMs,
      o.stepMs,
      r.credit_account_id,
      r.revenue_account_id,
      r.grant_account_id,
      r.currency,
    ],
  );
  // Each sale's top-up is a grant on the customer's wallet, as a sale writes it (no expiry), unspent.
  await db.query(
    `INSERT INTO grants (reseller_id, id, customer_id, amount, remaining, currency, priority, expires_at, source,
                         source_id, created_at)
     SELECT $1, ${v7('x.ms', 'x.g', 'd')}, ${customer('x.c')}, 1000, 1000, $4, $5, NULL, 'sale',
            ${v7('x.ms', 'x.g', 'a')}, to_timestamp(x.ms / 1000.0)
       FROM ${series}`,
    [t.resellerId, o.startMs, o.stepMs, r.currency, TOP_UP_PRIORITY],
  );
  // The credits the sales spent, bought before the first of them.
  const bought = 950 * o.sales;
  const purchase = v7(`${o.startMs - 1}::bigint`, '0', 'e');
  await db.query(
    `INSERT INTO journal_entries (reseller_id, id, kind, memo, created_at)
       VALUES ($1, ${purchase}, 'credit_purchase', 'bulk history', to_timestamp(${o.startMs - 1} / 1000.0))`,
    [t.resellerId],
  );
  await db.query(
    `INSERT INTO postings (reseller_id, entry_id, line, account_id, amount, currency)
       VALUES ($1, ${purchase}, 1, $2, $4, $5), ($1, ${purchase}, 2, $3, -$4::bigint, $5)`,
    [t.resellerId, r.credit_account_id, r.issuance_account_id, bought, r.currency],
  );
  const walletRows = `SELECT ${wallet('c')} AS id, count(*) * 1000 AS delta
                        FROM (SELECT 1 + (g - 1) % ${o.customers} AS c FROM generate_series(1, ${o.sales}) g) s
                       GROUP BY c`;
  await db.query(
    `UPDATE accounts a SET balance = a.balance + d.delta
       FROM (VALUES ($2::uuid, $6::bigint - $6::bigint), ($3::uuid, $6::bigint), ($4::uuid, -1000 * $7::bigint),
                    ($5::uuid, -$6::bigint)
             UNION ALL ${walletRows}) d(id, delta)
      WHERE a.reseller_id = $1 AND a.id = d.id`,
    [
      t.resellerId,
      r.credit_account_id,
      r.revenue_account_id,
      r.grant_account_id,
      r.issuance_account_id,
      bought,
      o.sales,
    ],
  );
  await db.execScript(
    'ANALYZE sales; ANALYZE postings; ANALYZE journal_entries; ANALYZE commands; ANALYZE customers; ANALYZE grants',
  );
  return {
    accounts: Array.from({ length: o.customers }, (_, i) => `+1999${tag}${String(i + 1).padStart(8, '0')}`),
    lastOfflineSeq: o.offlineEvery > 0 ? Math.floor(o.sales / o.offlineEvery) : 0,
  };
}
