import { AppError } from '../../core/app-error';
import { RESELLER_SUSPENDED_CODE, TERMINAL_REVOKED_CODE } from '../../core/terminal/terminal-block';
import type { Queryable } from '../db/database';

/** The error codes of a terminal token that does not stand: unknown or not the terminal's, revoked, suspended. */
export const STANDING_REFUSALS: ReadonlySet<string> = new Set([
  'unauthorized',
  TERMINAL_REVOKED_CODE,
  RESELLER_SUSPENDED_CODE,
]);

/** A terminal token's owner and standing, as `terminal_token_standing` reads them. */
export interface TerminalTokenStanding {
  readonly resellerId: string;
  readonly terminalId: string;
  readonly revoked: boolean;
  readonly active: boolean;
}

/**
 * Reads a terminal token's terminal and standing by the token's SHA-256, in one round trip, or null for an unknown
 * token. The lookup is a database function (migration 0022) so each connection plans its join once, not per
 * request, and the call itself is prepared on each connection (its columns named: a function that gains a column in
 * a later migration leaves the prepared statement's result as it was).
 */
export async function readTerminalTokenStanding(
  q: Queryable,
  tokenHash: string,
): Promise<TerminalTokenStanding | null> {
  const rows = await q.query<{
    r_reseller_id: string;
    r_terminal_id: string;
    r_revoked: boolean;
    r_active: boolean;
  }>(
    'SELECT r_reseller_id, r_terminal_id, r_revoked, r_active FROM terminal_token_standing($1::text)',
    [tokenHash],
    { prepare: true },
  );
  const row = rows[0];
  return row
    ? {
        resellerId: row.r_reseller_id,
        terminalId: row.r_terminal_id,
        revoked: row.r_revoked,
        active: row.r_active,
      }
    : null;
}

/**
 * Whether a known terminal token may still be used: 401 `terminal_revoked` once the operator revoked the terminal
 * (for good), 403 `reseller_suspended` while its reseller is suspended. The standing lives on the terminal's and
 * reseller's own rows, so suspending a reseller is one row update; it is read in the same query as the token, or, on
 * a push, under the reseller's lock (`lock_online_sale_group`, migration 0024).
 */
export function checkTerminalStanding(row: { revoked: boolean; active: boolean }): void {
  if (row.revoked) {
    throw new AppError(TERMINAL_REVOKED_CODE, 'This terminal was revoked by the operator; enroll it again.');
  }
  if (!row.active) {
    throw new AppError(RESELLER_SUSPENDED_CODE, 'This reseller is suspended; contact the operator.');
  }
}
