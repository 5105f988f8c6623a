import { uuidv7 } from '../../core/uuidv7';
import type { Queryable } from '../db/database';
import { writeJournal } from '../ledger/journal-writer';
import { lockReseller, type LockedReseller } from '../resellers/reseller-lock';
import { appendChanges } from '../sync/change-feed';

/**
 * The id of a reseller's card liability account (the face value of its minted, unredeemed cards), created on first
 * use. Call it holding the reseller's lock (server/resellers/reseller-lock.ts) so two creators cannot race; the
 * partial unique index of migration 0007 refuses a second one regardless.
 */
export async function ensureCardLiabilityAccount(
  tx: Queryable,
  resellerId: string,
  currency: string,
): Promise<string> {
  const found = await findCardLiabilityAccount(tx, resellerId);
  if (found) return found;
  const id = uuidv7();
  await tx.query(
    `INSERT INTO accounts (reseller_id, id, kind, currency) VALUES ($1, $2, 'card_liability', $3)`,
    [resellerId, id, currency],
  );
  return id;
}

/** The id of a reseller's card liability account, or null before its first series. */
export async function findCardLiabilityAccount(q: Queryable, resellerId: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM accounts WHERE reseller_id = $1 AND kind = 'card_liability'`,
    [resellerId],
  );
  return rows[0]?.id ?? null;
}

/**
 * Locks the reseller's card liability row (when it exists) before any card row: the one lock order of every path
 * that moves card value (redemption, push batches, delete, expiry), so none of them can deadlock with another.
 */
export async function lockCardLiability(tx: Queryable, resellerId: string): Promise<void> {
  await tx.query(`SELECT 1 FROM accounts WHERE reseller_id = $1 AND kind = 'card_liability' FOR UPDATE`, [
    resellerId,
  ]);
}

/**
 * Returns cards' face value from the owner's card liability account to its credits (deleted or expired cards): one
 * journal entry, and the new balance on the owner's change feed. Call it holding the owner's lock. Returns the
 * entry's id.
 */
export async function returnCardValue(
  tx: Queryable,
  owner: LockedReseller,
  value: number,
  entry: { readonly kind: string; readonly memo: string },
): Promise<string> {
  const liabilityId = await findCardLiabilityAccount(tx, owner.id);
  if (!liabilityId) throw new Error(`reseller ${owner.id} has cards but no card liability account`);
  const entryId = uuidv7();
  const balances = await writeJournal(tx, owner.id, [
    {
      id: entryId,
      kind: entry.kind,
      commandId: null,
      memo: entry.memo,
      lines: [
        { accountId: liabilityId, amount: -value, currency: owner.currency },
        { accountId: owner.creditAccountId, amount: value, currency: owner.currency },
      ],
    },
  ]);
  await appendChanges(tx, owner.id, [
    {
      kind: 'balance',
      data: { resellerId: owner.id, currency: owner.currency, balance: balances.get(owner.creditAccountId)! },
    },
  ]);
  return entryId;
}

/**
 * Locks several card owners for work that moves card value across them: every reseller lock in id order, then every
 * card liability row in id order, before any card or feed counter (the one lock order; a transaction holding a
 * parent's feed counter while it waits for an affiliate's lock would deadlock with a move or a redemption). Answers
 * the locked resellers by id.
 */
export async function lockCardOwners(
  tx: Queryable,
  ownerIds: readonly string[],
): Promise<Map<string, LockedReseller>> {
  const sorted = [...new Set(ownerIds)].sort();
  const locked = new Map<string, LockedReseller>();
  for (const id of sorted) locked.set(id, await lockReseller(tx, id));
  for (const id of sorted) await lockCardLiability(tx, id);
  return locked;
}
