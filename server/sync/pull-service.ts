import type { Change, PullResponse } from '../../core/sync/protocol';
import type { Database } from '../db/database';

/** Default and largest page of a pull. */
export const PULL_DEFAULT_LIMIT = 500;
/** Largest page a pull may ask for. */
export const PULL_MAX_LIMIT = 1000;

/**
 * Feed rows written by the release before versions existed carry no `version` (packages) or `limitsVersion`
 * (terminal settings): those are version 1, as migration 0005 numbered them.
 */
function upgradeData(kind: Change['kind'], data: unknown): unknown {
  const d = data as Record<string, unknown>;
  if (kind === 'package' && d.version === undefined) return { ...d, version: 1 };
  if (kind === 'terminal_settings' && d.limitsVersion === undefined) return { ...d, limitsVersion: 1 };
  return data;
}

/** One page of the change feed: the primary key (reseller_id, seq) walked forward from the cursor. */
export const PULL_PAGE_SQL =
  'SELECT seq::text AS seq, kind, data FROM changes WHERE reseller_id = $1 AND seq > $2::bigint ORDER BY changes.seq LIMIT $3';

/**
 * Returns the reseller's changes after `cursor`, in seq order, one page at a time. A pull that reaches the end of the
 * feed counts as the terminal's successful sync: the hours-since-sync limit of the offline window counts from it.
 */
export async function pullChanges(
  db: Database,
  terminal: { resellerId: string; terminalId: string },
  cursor: string,
  limit: number,
): Promise<PullResponse> {
  const rows = await db.query<{ seq: unknown; kind: Change['kind']; data: unknown }>(PULL_PAGE_SQL, [
    terminal.resellerId,
    cursor,
    limit + 1,
  ]);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const changes = page.map(
    (r) => ({ seq: String(r.seq), kind: r.kind, data: upgradeData(r.kind, r.data) }) as Change,
  );
  const next = page.length > 0 ? String(page[page.length - 1]!.seq) : cursor;
  // One stamp, the server's clock: the terminal keeps it as its last sync, and an offline sale's claim of it is checked
  // against the latest stamp the server handed out (core/offline/offline-window.ts).
  const serverTime = new Date().toISOString();
  if (!hasMore) {
    await db.query(
      'UPDATE terminals SET last_sync_at = GREATEST(last_sync_at, $3::timestamptz) WHERE reseller_id = $1 AND id = $2',
      [terminal.resellerId, terminal.terminalId, serverTime],
    );
  }
  return { changes, cursor: next, hasMore, serverTime };
}
