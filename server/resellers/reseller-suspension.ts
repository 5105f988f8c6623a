import { AppError } from '../../core/app-error';
import type { Database } from '../db/database';
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
  const rows = await db.query<{ id: string }>(
    `UPDATE resellers
        SET active = NOT $2::boolean,
            suspended_at = CASE WHEN $2::boolean THEN COALESCE(suspended_at, now()) END
      WHERE id = $1
      RETURNING id`,
    [resellerId, suspended],
  );
  if (rows.length === 0) throw new AppError('not_found', 'no such reseller');
  return getReseller(db, resellerId);
}
