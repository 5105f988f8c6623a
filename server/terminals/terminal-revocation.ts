import { AppError } from '../../core/app-error';
import type { Database } from '../db/database';
import { toIso } from '../db/sql-values';

/** A revoked terminal, as the operator API answers a revocation. */
export interface TerminalRevocation {
  readonly terminalId: string;
  readonly resellerId: string;
  readonly name: string;
  /** When it was first revoked (a repeated revocation answers the same time). */
  readonly revokedAt: string;
}

/**
 * Revokes a terminal for good: from now on its token is answered 401 `terminal_revoked` on every route (the token
 * row is kept so the refusal can say why). Idempotent: revoking again changes nothing and answers the first time.
 * Looked up by terminal id alone (ids are UUIDv7, unique across resellers); an operator action, not a hot path.
 */
export async function revokeTerminal(db: Database, terminalId: string): Promise<TerminalRevocation> {
  const rows = await db.query<{ id: string; reseller_id: string; name: string; revoked_at: unknown }>(
    `UPDATE terminals SET revoked_at = COALESCE(revoked_at, now())
      WHERE id = $1
      RETURNING id, reseller_id, name, revoked_at`,
    [terminalId],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such terminal');
  return {
    terminalId: row.id,
    resellerId: row.reseller_id,
    name: row.name,
    revokedAt: toIso(row.revoked_at),
  };
}
