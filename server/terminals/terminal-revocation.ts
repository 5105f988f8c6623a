import { AppError } from '../../core/app-error';
import type { Database } from '../db/database';
import { toIso, toMinor } from '../db/sql-values';
import { lockReseller } from '../resellers/reseller-lock';
import { levelChanges } from '../stock/stock-purchase';
import { creditBackUnallocated } from '../stock/stock-credit-back';
import { moveStock } from '../stock/stock-levels';
import { appendChanges } from '../sync/change-feed';

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
 *
 * Its unsold inventory stock allocation returns to the shop's unallocated stock in the same transaction (review F3),
 * as a release would (credited back for a package the operator deactivated), with the `stock` changes on the feed: a revoked terminal can never push again, so it can neither
 * sell nor give that stock back, and nothing it sold offline and never synced can reach the server any more.
 */
export async function revokeTerminal(db: Database, terminalId: string): Promise<TerminalRevocation> {
  const row = await db.transaction(async (tx) => {
    const [found] = await tx.query<{ reseller_id: string }>(
      'SELECT reseller_id FROM terminals WHERE id = $1',
      [terminalId],
    );
    if (!found) throw new AppError('not_found', 'no such terminal');
    await lockReseller(tx, found.reseller_id);
    const rows = await tx.query<{ id: string; reseller_id: string; name: string; revoked_at: unknown }>(
      `UPDATE terminals SET revoked_at = COALESCE(revoked_at, now())
        WHERE id = $1
        RETURNING id, reseller_id, name, revoked_at`,
      [terminalId],
    );
    const revoked = rows[0]!;
    const unsold = await tx.query<{ package_id: string; left: unknown; active: boolean }>(
      `SELECT a.package_id, a.allocated - a.released - a.sold AS left, p.active
         FROM stock_allocations a JOIN packages p ON p.id = a.package_id
        WHERE a.reseller_id = $1 AND a.terminal_id = $2 AND a.allocated - a.released - a.sold > 0
        ORDER BY a.package_id`,
      [revoked.reseller_id, revoked.id],
    );
    for (const u of unsold) {
      const left = toMinor(u.left);
      await moveStock(tx, revoked.reseller_id, revoked.id, u.package_id, {
        released: left,
        unallocated: left,
      });
      // A withdrawn package's stock nobody can be allocated any more: credited back (stock-credit-back.ts).
      const changes = u.active
        ? await levelChanges(tx, revoked.reseller_id, u.package_id, null)
        : await creditBackUnallocated(tx, revoked.reseller_id, u.package_id);
      await appendChanges(tx, revoked.reseller_id, changes);
    }
    return revoked;
  });
  return {
    terminalId: row.id,
    resellerId: row.reseller_id,
    name: row.name,
    revokedAt: toIso(row.revoked_at),
  };
}
