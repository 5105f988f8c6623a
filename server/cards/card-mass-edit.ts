import { AppError } from '../../core/app-error';
import type { EditCardsResult } from '../../core/cards/card-schemas';
import type { Database } from '../db/database';
import type { CardTarget } from './card-deletion';
import { appendCardChanges } from './card-feed';
import { cardFilterSql } from './card-filter';
import type { CardKeys } from './card-keys';
import { moveCards, type MoveResult } from './card-owner-move';

/** A mass edit's changes: each field preserved or set. */
export interface CardEdit {
  readonly expiresAt: { readonly mode: 'preserve' } | { readonly mode: 'set'; readonly value: string };
  /** The new owner: this reseller or one of its affiliates (the route checks who may name whom). */
  readonly ownerId: { readonly mode: 'preserve' } | { readonly mode: 'set'; readonly value: string };
}

/**
 * Applies a mass edit to the targeted cards of the given owners in one transaction. Only new, unexpired cards change;
 * activated, expired and void ones are skipped and counted by status. A card changes entirely or not at all: one
 * that cannot move to the new owner (see server/cards/card-owner-move.ts) keeps its expiry too. A new expiry must lie
 * in the future (expiring cards early is the expiry job's business, which returns their value).
 */
export async function editCards(
  db: Database,
  keys: CardKeys,
  ownerIds: readonly string[],
  target: CardTarget,
  edit: CardEdit,
): Promise<EditCardsResult> {
  if (edit.expiresAt.mode === 'set' && Date.parse(edit.expiresAt.value) <= Date.now())
    throw new AppError('invalid_input', 'a new expiry date must be in the future');
  /** The target as WHERE conditions on alias `c`, parameters numbered from `first`. */
  const targetSql = (first: number): { sql: string; params: unknown[] } =>
    target.kind === 'filter'
      ? cardFilterSql(target.filter, first)
      : target.kind === 'ids'
        ? { sql: `c.id = ANY($${first}::uuid[])`, params: [target.ids.map((id) => id.toLowerCase())] }
        : { sql: 'true', params: [] };
  return db.transaction(async (tx) => {
    const where = targetSql(2);
    // The targeted cards that may change (the others are counted by status below).
    const editable = (
      await tx.query<{ id: string }>(
        `SELECT c.id FROM cards c
          WHERE c.reseller_id = ANY($1::uuid[]) AND c.status = 'new' AND c.expires_at > now() AND ${where.sql}`,
        [ownerIds, ...where.params],
      )
    ).map((r) => r.id);
    const changed = new Set<string>();
    let toExpire = editable;
    let move: MoveResult | null = null;
    if (edit.ownerId.mode === 'set') {
      move = await moveCards(tx, keys, editable, edit.ownerId.value.toLowerCase(), ownerIds);
      for (const id of move.moved) changed.add(id);
      toExpire = [...move.moved, ...move.alreadyOwned];
    }
    if (edit.expiresAt.mode === 'set' && toExpire.length > 0) {
      // Re-checked as the row is locked: still new, unexpired, and of an owner this edit may change (another
      // terminal may have moved it out of the caller's sight meanwhile).
      const owners = edit.ownerId.mode === 'set' ? [...ownerIds, edit.ownerId.value.toLowerCase()] : ownerIds;
      const rows = await tx.query<{ id: string }>(
        `UPDATE cards c SET expires_at = $2::timestamptz
          WHERE c.id = ANY($1::uuid[]) AND c.reseller_id = ANY($3::uuid[]) AND c.status = 'new'
            AND c.expires_at > now()
         RETURNING c.id`,
        [toExpire, edit.expiresAt.value, owners],
      );
      for (const r of rows) changed.add(r.id);
    }
    // The changed cards' new state, on the feeds of their (new) owners.
    const byOwner = await tx.query<{ reseller_id: string; ids: string[] }>(
      'SELECT reseller_id, array_agg(id) AS ids FROM cards WHERE id = ANY($1::uuid[]) GROUP BY reseller_id',
      [[...changed]],
    );
    for (const o of byOwner) await appendCardChanges(tx, o.reseller_id, { ids: o.ids });

    // Cards past their date that the job has not marked yet count as expired too.
    const skipped = await tx.query<{ status: string; n: number }>(
      `SELECT CASE WHEN c.status = 'new' AND c.expires_at <= now() THEN 'expired' ELSE c.status END AS status,
              count(*)::int AS n
         FROM cards c WHERE c.reseller_id = ANY($1::uuid[]) AND ${where.sql}
        GROUP BY 1`,
      [ownerIds, ...where.params],
    );
    const by = new Map(skipped.map((r) => [r.status, r.n]));
    return {
      changed: changed.size,
      skipped: {
        activated: by.get('activated') ?? 0,
        expired: by.get('expired') ?? 0,
        void: by.get('void') ?? 0,
        // Already the new owner's, and nothing else to change.
        sameOwner: move && edit.expiresAt.mode === 'preserve' ? move.skips.sameOwner : 0,
        serialTaken: move?.skips.serialTaken ?? 0,
        otherCurrency: move?.skips.otherCurrency ?? 0,
      },
    };
  });
}
