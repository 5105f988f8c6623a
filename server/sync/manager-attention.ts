import { MANAGER_REJECT_REASONS, type RejectReason } from '../../core/sync/protocol';
import type { Database } from '../db/database';
import { toIso } from '../db/sql-values';

/** A command the server refused that a manager must look at (the operator's side of "needs a manager"). */
export interface AttentionItem {
  readonly commandId: string;
  readonly terminalId: string;
  readonly type: string;
  readonly offline: boolean;
  readonly reason: RejectReason;
  readonly message: string;
  readonly createdAt: string;
  readonly receivedAt: string;
}

/**
 * The refused commands of a reseller that need a manager, newest first: the partial index `commands_attention` (refused
 * commands only) walked backwards, however many applied commands the reseller has. $1 reseller, $2 the reasons that
 * need a manager even online, $3 how many.
 */
export const NEEDS_MANAGER_SQL = `SELECT id, terminal_id, type, offline, reason, message, created_at, received_at FROM commands
      WHERE reseller_id = $1 AND status = 'rejected' AND (offline OR reason = ANY($2::text[]))
      ORDER BY received_at DESC, id DESC LIMIT $3`;

/**
 * A reseller's refused commands that no honest terminal could have produced, or that the counter had already honoured
 * (offline): newest first, up to `limit`. The terminal shows the same ones as "Needs a manager" on its Sync screen.
 */
export async function listCommandsNeedingManager(
  db: Database,
  resellerId: string,
  limit: number,
): Promise<AttentionItem[]> {
  const rows = await db.query<{
    id: string;
    terminal_id: string;
    type: string;
    offline: boolean;
    reason: RejectReason;
    message: string | null;
    created_at: unknown;
    received_at: unknown;
  }>(NEEDS_MANAGER_SQL, [resellerId, [...MANAGER_REJECT_REASONS], limit]);
  return rows.map((r) => ({
    commandId: r.id,
    terminalId: r.terminal_id,
    type: r.type,
    offline: r.offline,
    reason: r.reason,
    message: r.message ?? '',
    createdAt: toIso(r.created_at),
    receivedAt: toIso(r.received_at),
  }));
}
