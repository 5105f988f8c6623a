import type { Database } from '../db/database';
import { lockReseller } from './reseller-lock';
import { getReseller, type ResellerView } from './reseller-service';

/**
 * Suspends a reseller or lifts its suspension. While suspended, every terminal route of its terminals answers 403
 * `reseller_suspended` and its enrollment codes are refused (and stay unused). Its affiliates are resellers of their
 * own and are suspended separately. Idempotent: suspending twice keeps the first `suspendedAt`; lifting a suspension
 * that is not there changes nothing.
 */
export async function setResellerSuspended(
  db: Database,
  resellerId: string,
  suspended: boolean,
): Promise<ResellerView> {
  await db.transaction(async (tx) => {
    // The reseller's lock first, as every writer of its ledger takes it: a push deciding under that lock commits
    // before the suspension does, and none commits after the suspension was answered.
    await lockReseller(tx, resellerId);
    await tx.query(
      `UPDATE resellers
          SET active = NOT $2::boolean,
              suspended_at = CASE WHEN $2::boolean THEN COALESCE(suspended_at, now()) END
        WHERE id = $1`,
      [resellerId, suspended],
    );
  });
  return getReseller(db, resellerId);
}
