import type { Queryable } from '../db/database';
import { bulkInsertSql, SqlParams, type BulkColumn } from '../db/bulk-insert';
import { toMinor } from '../db/sql-values';
import { JOURNAL_ENTRY_COLUMNS, journalRows, POSTING_COLUMNS } from '../ledger/journal-writer';
import {
  ACCOUNT_COLUMNS,
  COMMAND_COLUMNS,
  commandRows,
  CUSTOMER_COLUMNS,
  GRANT_COLUMNS,
  grantRows,
  SALE_COLUMNS,
  saleRows,
} from './batch-writer';
import type { BatchWrites } from './push-batch';

/** What the one statement answers: every touched account's new balance, and the last seq appended (or null). */
export interface BatchWritten {
  readonly balances: Map<string, number>;
  readonly lastSeq: number | null;
}

const NEW_ACCOUNT_COLUMNS: readonly BulkColumn[] = [...ACCOUNT_COLUMNS, { name: 'balance', type: 'bigint' }];

/**
 * Writes a batch's customers (with their wallet accounts), journal entries and postings, balance moves, grants,
 * sales, command outcomes and changes in ONE statement (data-modifying CTEs over unnest arrays), for the batches
 * whose writes are only those (online sales): one round trip instead of about ten. The same rows as the
 * per-table writers (`insertCustomers`, `writeJournal`, `writeRecords`, `appendChanges`), with two differences the
 * single statement needs and that leave the same rows behind: a wallet account created here is inserted with its
 * postings' sum as its balance (sibling CTEs cannot see each other's rows, so it cannot be updated), and the changes'
 * seqs are reserved from `change_counters` in the same statement (`changes` in order, the last one last). Foreign
 * keys and unique constraints are checked at the end of the statement, the journal's immutability triggers (UPDATE,
 * DELETE) are untouched by inserts. Throws, leaving the caller to roll back, when anything is off.
 */
export async function writeBatchInOneStatement(
  tx: Queryable,
  resellerId: string,
  currency: string,
  terminalId: string,
  w: BatchWrites,
): Promise<BatchWritten> {
  if (
    w.refundedSales.length > 0 ||
    w.saleVoids.length > 0 ||
    w.replacedCommandIds.length > 0 ||
    w.cardBatches.length > 0
  )
    throw new Error('this batch writes more than one statement covers');
  const p = new SqlParams();
  let resellerParam: string | undefined;
  /** The reseller's placeholder, added on first use (an unused parameter has no type PostgreSQL can infer). */
  const reseller = (): string => (resellerParam ??= p.add(resellerId));
  const ctes: string[] = [];
  const insert = (name: string, table: string, columns: readonly BulkColumn[], rows: unknown[][]): void => {
    if (rows.length > 0) ctes.push(`${name} AS (${bulkInsertSql(table, columns, rows, p)})`);
  };

  const { entryRows, postingRows, deltas } = journalRows(resellerId, w.entries);
  const created = new Set(w.customers.map((c) => c.walletId));
  insert(
    'new_customers',
    'customers',
    CUSTOMER_COLUMNS,
    w.customers.map((c) => [resellerId, c.id, c.accountNumber, c.walletId]),
  );
  if (w.customers.length > 0) {
    const accounts = w.customers.map((c) => [
      resellerId,
      c.walletId,
      'customer_wallet',
      c.id,
      currency,
      deltas.get(c.walletId) ?? 0,
    ]);
    ctes.push(
      `new_accounts AS (${bulkInsertSql('accounts', NEW_ACCOUNT_COLUMNS, accounts, p)} RETURNING id, balance)`,
    );
  }
  insert('new_entries', 'journal_entries', JOURNAL_ENTRY_COLUMNS, entryRows);
  insert('new_postings', 'postings', POSTING_COLUMNS, postingRows);
  const moved = [...deltas.keys()].filter((id) => !created.has(id));
  if (moved.length > 0) {
    ctes.push(`moved_accounts AS (
      UPDATE accounts a SET balance = a.balance + v.delta
        FROM unnest(${p.add(moved)}::uuid[], ${p.add(moved.map((id) => deltas.get(id)!))}::bigint[]) AS v(id, delta)
       WHERE a.reseller_id = ${reseller()} AND a.id = v.id
       RETURNING a.id, a.balance)`);
  }
  insert('new_grants', 'grants', GRANT_COLUMNS, grantRows(resellerId, w.grants));
  insert('new_sales', 'sales', SALE_COLUMNS, saleRows(resellerId, terminalId, w.sales));
  insert('new_commands', 'commands', COMMAND_COLUMNS, commandRows(resellerId, terminalId, w.commands));
  const n = w.changes.length;
  if (n > 0) {
    const count = p.add(n);
    ctes.push(`counter AS (
      UPDATE change_counters SET last_seq = last_seq + ${count}::bigint
       WHERE reseller_id = ${reseller()} RETURNING last_seq)`);
    ctes.push(`new_changes AS (
      INSERT INTO changes (reseller_id, seq, kind, data)
      SELECT ${reseller()}::uuid, counter.last_seq - ${count}::bigint + c.ord, c.kind, c.data::jsonb
        FROM counter,
             unnest(${p.add(w.changes.map((c) => c.kind))}::text[], ${p.add(w.changes.map((c) => JSON.stringify(c.data)))}::text[])
               WITH ORDINALITY AS c(kind, data, ord)
     )`);
  }
  if (ctes.length === 0) return { balances: new Map(), lastSeq: null };
  const touched = [
    ...(w.customers.length > 0 ? ['SELECT id, balance FROM new_accounts'] : []),
    ...(moved.length > 0 ? ['SELECT id, balance FROM moved_accounts'] : []),
  ];
  const balancesSql =
    touched.length > 0
      ? `(SELECT json_agg(json_build_object('id', b.id, 'balance', b.balance::text)) FROM (${touched.join(' UNION ALL ')}) b)`
      : 'NULL::json';
  const lastSeqSql = n > 0 ? '(SELECT last_seq::text FROM counter)' : 'NULL::text';
  const rows = await tx.query<{
    balances: { id: string; balance: string }[] | null;
    last_seq: string | null;
  }>(
    `WITH ${ctes.join(',\n')}
     SELECT ${balancesSql} AS balances, ${lastSeqSql} AS last_seq`,
    p.values,
    // Its text depends only on which kinds of rows the batch writes (arrays carry the rows), so a handful of
    // texts cover every batch; planning this statement anew was about a millisecond of each group.
    { prepare: true },
  );
  const row = rows[0]!;
  const balances = new Map((row.balances ?? []).map((b) => [b.id, toMinor(b.balance)]));
  if (balances.size !== deltas.size) throw new Error('journal posting to an unknown account');
  if (n > 0 && row.last_seq === null) throw new Error(`no change counter for reseller ${resellerId}`);
  return { balances, lastSeq: row.last_seq === null ? null : toMinor(row.last_seq) };
}
