import { uuidv7 } from '../../core/uuidv7';
import type { Queryable } from '../db/database';

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
