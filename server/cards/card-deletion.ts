import type { CardFilter, DeleteCardsResult } from '../../core/cards/card-schemas';
import type { Database } from '../db/database';
import { toMinor } from '../db/sql-values';
import { appendCardDeletions } from './card-feed';
import { cardFilterSql } from './card-filter';
import { lockCardOwners, returnCardValue } from './card-liability';

/** Which cards a delete names. */
export type CardTarget =
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | { readonly kind: 'filter'; readonly filter: CardFilter }
  | { readonly kind: 'all' };

/**
 * Deletes the targeted cards of the given owners that were never redeemed, in one transaction: their rows and PIN
 * lookups go, and per owner one journal entry returns the face value of the new ones (expired cards returned theirs
 * already, void ones never had any) from the card liability account to the owner's credits. Activated cards are
 * skipped and counted. A redemption racing the delete either activates the card first (then it is skipped) or finds
 * it gone: the conditional DELETE re-checks the status of a card another transaction holds.
 */
export async function deleteCards(
  db: Database,
  ownerIds: readonly string[],
  target: CardTarget,
): Promise<DeleteCardsResult> {
  return db.transaction(async (tx) => {
    let deleted = 0;
    let returnedValue = 0;
    let activated = 0;
    const entryIds: string[] = [];
    const owners = await lockCardOwners(tx, ownerIds);
    for (const ownerId of owners.keys()) {
      const owner = owners.get(ownerId)!;
      const where =
        target.kind === 'filter'
          ? cardFilterSql(target.filter, 3)
          : target.kind === 'ids'
            ? { sql: 'c.id = ANY($3::uuid[])', params: [target.ids.map((id) => id.toLowerCase())] }
            : { sql: 'true', params: [] };
      const gone = await tx.query<{ id: string; status: string; amount: unknown }>(
        `DELETE FROM cards c WHERE c.reseller_id = $1 AND c.status <> $2 AND ${where.sql}
         RETURNING c.id, c.status, c.amount`,
        [ownerId, 'activated', ...where.params],
      );
      const kept = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM cards c WHERE c.reseller_id = $1 AND c.status = $2 AND ${where.sql}`,
        [ownerId, 'activated', ...where.params],
      );
      activated += kept[0]!.n;
      if (gone.length === 0) continue;
      deleted += gone.length;
      await appendCardDeletions(
        tx,
        ownerId,
        gone.map((g) => g.id),
      );
      await tx.query('DELETE FROM card_pin_lookup WHERE reseller_id = $1 AND card_id = ANY($2::uuid[])', [
        ownerId,
        gone.map((g) => g.id),
      ]);
      const value = gone.filter((g) => g.status === 'new').reduce((s, g) => s + toMinor(g.amount), 0);
      if (value === 0) continue;
      returnedValue += value;
      entryIds.push(
        await returnCardValue(tx, owner, value, {
          kind: 'card_delete',
          memo: `${gone.length} cards deleted`,
        }),
      );
    }
    return { deleted, returnedValue, skipped: { activated }, entryIds };
  });
}
