import { AppError } from '../../core/app-error';
import { CARD_REDEEM_LOCKED_CODE } from '../../core/cards/card-schemas';
import {
  FIRST_LOCK_SECONDS,
  LOCKOUT_THRESHOLDS,
  LOCKOUT_WINDOW_SECONDS,
  MAX_LOCK_SECONDS,
  type LockoutScope,
} from '../../core/cards/redeem-lockout';
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

/** The lockout rule's parameters (core/cards/redeem-lockout.ts) as the database functions take them. */
export function lockoutParams(keys: readonly LockoutKey[]): unknown[] {
  return [
    keys.map((k) => LOCKOUT_THRESHOLDS[k.scope]),
    LOCKOUT_WINDOW_SECONDS,
    FIRST_LOCK_SECONDS,
    MAX_LOCK_SECONDS,
  ];
}

/**
 * Counts one failed redemption against every key (a counter starts again once its window passed and it is not
 * locked) and locks the keys that reached their threshold (`record_redeem_failure`, migration 0011, with the rule's
 * numbers from core/cards/redeem-lockout.ts). Inside a transaction that took `lockRedeemKeys`, no concurrent attempt
 * on the same keys is checked before this count lands.
 */
export async function recordRedeemFailure(q: Queryable, keys: readonly LockoutKey[]): Promise<void> {
  await q.query(
    'SELECT record_redeem_failure($1::text[], $2::text[], $3::int[], $4::int, $5::int, $6::int)',
    [keys.map((k) => k.scope), keys.map((k) => k.key), ...lockoutParams(keys)],
  );
}

/** Serialises attempts on these keys until the transaction ends (advisory locks in a fixed order). */
export async function lockRedeemKeys(q: Queryable, keys: readonly LockoutKey[]): Promise<void> {
  await q.query('SELECT lock_redeem_keys($1::text[], $2::text[])', [
    keys.map((k) => k.scope),
    keys.map((k) => k.key),
  ]);
}
