import type { Change } from '../../core/sync/protocol';
import type { Queryable } from '../db/database';
import { bulkInsert } from '../db/bulk-insert';
import { toMinor } from '../db/sql-values';

/** A change about to be appended: the protocol's change without its seq. */
export type ChangeDraft = Change extends infer C
  ? C extends { seq: string }
    ? Omit<C, 'seq'>
    : never
  : never;

/**
 * Reserves `n` consecutive seqs of one reseller's feed and answers the first. The counter row stays locked until
 * commit, so seqs become visible in order and pull never skips a change committed later.
 */
export async function reserveFeedSeqs(tx: Queryable, resellerId: string, n: number): Promise<number> {
  const rows = await tx.query<{ last_seq: unknown }>(
    'UPDATE change_counters SET last_seq = last_seq + $2 WHERE reseller_id = $1 RETURNING last_seq',
    [resellerId, n],
  );
  return toMinor(rows[0]!.last_seq) - n + 1;
}

/**
 * Appends changes to one reseller's feed (seqs reserved with `reserveFeedSeqs`). Returns the seq of the last change
 * appended (null when none).
 */
export async function appendChanges(
  tx: Queryable,
  resellerId: string,
  changes: readonly ChangeDraft[],
): Promise<number | null> {
  if (changes.length === 0) return null;
  const first = await reserveFeedSeqs(tx, resellerId, changes.length);
  const last = first + changes.length - 1;
  await bulkInsert(
    tx,
    'changes',
    [
      { name: 'reseller_id', type: 'uuid' },
      { name: 'seq', type: 'bigint' },
      { name: 'kind', type: 'text' },
      { name: 'data', type: 'jsonb' },
    ],
    changes.map((c, i) => [resellerId, first + i, c.kind, c.data]),
  );
  return last;
}

/** Appends one change to every reseller's feed (catalog changes: the operator catalog is global). */
export async function appendChangeToAllResellers(tx: Queryable, change: ChangeDraft): Promise<void> {
  await tx.query(
    `WITH bumped AS (
       UPDATE change_counters SET last_seq = last_seq + 1
        WHERE reseller_id IN (SELECT reseller_id FROM change_counters ORDER BY reseller_id FOR UPDATE)
        RETURNING reseller_id, last_seq)
     INSERT INTO changes (reseller_id, seq, kind, data) SELECT reseller_id, last_seq, $1, $2::jsonb FROM bumped`,
    [change.kind, JSON.stringify(change.data)],
  );
}
