import { AppError } from '../../core/app-error';
import { CARD_REDEEM_LOCKED_CODE } from '../../core/cards/card-schemas';
import { lockSecondsAfter, LOCKOUT_WINDOW_SECONDS, type LockoutScope } from '../../core/cards/redeem-lockout';
import type { Queryable } from '../db/database';

/** One failure counter a redemption is subject to. */
export interface LockoutKey {
  readonly scope: LockoutScope;
  readonly key: string;
}

/**
 * SQL for the longest remaining lockout wait in whole seconds (NULL when no key is locked) of the keys given as
 * parallel arrays $1 (scopes) and $2 (keys). Uses PostgreSQL's clock, so every API instance sees the same locks.
 */
export const LOCK_WAIT_SQL = `SELECT ceil(max(extract(epoch FROM f.locked_until - now())))::text
       FROM card_redeem_failures f JOIN unnest($1::text[], $2::text[]) AS k(scope, key)
         ON f.scope = k.scope AND f.key = k.key
      WHERE f.locked_until > now()`;

/** The longest remaining lockout wait of `keys` in whole seconds, or null when none of them is locked. */
export async function lockWaitSeconds(q: Queryable, keys: readonly LockoutKey[]): Promise<number | null> {
  const rows = await q.query<{ wait: string | null }>(`SELECT (${LOCK_WAIT_SQL}) AS wait`, [
    keys.map((k) => k.scope),
    keys.map((k) => k.key),
  ]);
  const wait = rows[0]?.wait ?? null;
  return wait === null ? null : Number(wait);
}

/** The `card_redeem_locked` error, with the remaining wait in its details (`retryAfterSeconds`). */
export function lockedOut(seconds: number): AppError {
  const retryAfterSeconds = Math.max(1, seconds);
  return new AppError(
    CARD_REDEEM_LOCKED_CODE,
    `Too many failed card redemptions. Try again in ${retryAfterSeconds} seconds.`,
    { retryAfterSeconds },
  );
}

/**
 * Counts one failed redemption against every key (a counter starts again once its window passed and it is not
 * locked) and locks the keys that reached their threshold for as long as core/cards/redeem-lockout.ts says.
 */
export async function recordRedeemFailure(q: Queryable, keys: readonly LockoutKey[]): Promise<void> {
  const rows = await q.query<{ scope: LockoutScope; key: string; failures: number }>(
    `INSERT INTO card_redeem_failures (scope, key, failures, window_started_at)
     SELECT scope, key, 1, now() FROM unnest($1::text[], $2::text[]) AS k(scope, key)
     ON CONFLICT (scope, key) DO UPDATE SET
       failures = CASE WHEN card_redeem_failures.window_started_at < now() - make_interval(secs => $3)
                        AND (card_redeem_failures.locked_until IS NULL OR card_redeem_failures.locked_until < now())
                       THEN 1 ELSE card_redeem_failures.failures + 1 END,
       window_started_at = CASE WHEN card_redeem_failures.window_started_at < now() - make_interval(secs => $3)
                        AND (card_redeem_failures.locked_until IS NULL OR card_redeem_failures.locked_until < now())
                       THEN now() ELSE card_redeem_failures.window_started_at END
     RETURNING scope, key, failures`,
    [keys.map((k) => k.scope), keys.map((k) => k.key), LOCKOUT_WINDOW_SECONDS],
  );
  const locks = rows
    .map((r) => ({ ...r, seconds: lockSecondsAfter(r.scope, Number(r.failures)) }))
    .filter((r) => r.seconds > 0);
  if (locks.length === 0) return;
  await q.query(
    `UPDATE card_redeem_failures f SET locked_until = now() + make_interval(secs => l.seconds)
       FROM unnest($1::text[], $2::text[], $3::int[]) AS l(scope, key, seconds)
      WHERE f.scope = l.scope AND f.key = l.key`,
    [locks.map((l) => l.scope), locks.map((l) => l.key), locks.map((l) => l.seconds)],
  );
}
