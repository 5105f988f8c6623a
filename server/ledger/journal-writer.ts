import type { Queryable } from '../db/database';
import { bulkInsert, type BulkColumn } from '../db/bulk-insert';
import { toMinor } from '../db/sql-values';
import { isBalancedEntry, type PostingLine } from './entry-balance';

/** A journal entry about to be written: immutable once inserted. */
export interface JournalEntryDraft {
  readonly id: string;
  readonly kind: string;
  readonly commandId: string | null;
  readonly memo: string | null;
  readonly lines: readonly PostingLine[];
}

/** The journal_entries columns a batch inserts. */
export const JOURNAL_ENTRY_COLUMNS: readonly BulkColumn[] = [
  { name: 'reseller_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'kind', type: 'text' },
  { name: 'command_id', type: 'uuid' },
  { name: 'memo', type: 'text' },
];

/** The postings columns a batch inserts. */
export const POSTING_COLUMNS: readonly BulkColumn[] = [
  { name: 'reseller_id', type: 'uuid' },
  { name: 'entry_id', type: 'uuid' },
  { name: 'line', type: 'smallint' },
  { name: 'account_id', type: 'uuid' },
  { name: 'amount', type: 'bigint' },
  { name: 'currency', type: 'bpchar' },
];

/** Entries as rows to insert, and the balance move of every touched account (in first-touched order). */
export interface JournalRows {
  readonly entryRows: unknown[][];
  readonly postingRows: unknown[][];
  readonly deltas: Map<string, number>;
}

/** Checks every entry balances (throws before anything is written if one does not) and lays out its rows. */
export function journalRows(resellerId: string, entries: readonly JournalEntryDraft[]): JournalRows {
  const deltas = new Map<string, number>();
  const postingRows: unknown[][] = [];
  for (const e of entries) {
    if (!isBalancedEntry(e.lines)) throw new Error(`journal entry ${e.id} does not balance`);
    e.lines.forEach((l, i) => {
      postingRows.push([resellerId, e.id, i + 1, l.accountId, l.amount, l.currency]);
      deltas.set(l.accountId, (deltas.get(l.accountId) ?? 0) + l.amount);
    });
  }
  const entryRows = entries.map((e) => [resellerId, e.id, e.kind, e.commandId, e.memo]);
  return { entryRows, postingRows, deltas };
}

/**
 * Writes entries and their postings for one reseller with multi-row inserts and moves every touched account's
 * cached balance by the sum of its postings in one UPDATE, all inside the caller's transaction.
 * Throws (before writing anything) if an entry does not sum to zero per currency.
 * Returns the new balance of every touched account.
 */
export async function writeJournal(
  tx: Queryable,
  resellerId: string,
  entries: readonly JournalEntryDraft[],
): Promise<Map<string, number>> {
  if (entries.length === 0) return new Map();
  const { entryRows, postingRows, deltas } = journalRows(resellerId, entries);
  await bulkInsert(tx, 'journal_entries', JOURNAL_ENTRY_COLUMNS, entryRows);
  await bulkInsert(tx, 'postings', POSTING_COLUMNS, postingRows);
  const ids = [...deltas.keys()];
  const rows = await tx.query<{ id: string; balance: unknown }>(
    `UPDATE accounts a SET balance = a.balance + v.delta
       FROM unnest($2::uuid[], $3::bigint[]) AS v(id, delta)
      WHERE a.reseller_id = $1 AND a.id = v.id
      RETURNING a.id, a.balance`,
    [resellerId, ids, ids.map((id) => deltas.get(id)!)],
  );
  if (rows.length !== ids.length) throw new Error('journal posting to an unknown account');
  return new Map(rows.map((r) => [r.id, toMinor(r.balance)]));
}
