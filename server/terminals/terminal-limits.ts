import type { FloorLimits } from '../../core/sync/protocol';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';

/**
 * Keeps a terminal's floor-limits version: an offline sale is judged with the limits version the terminal had pulled
 * (it names it), so a limit lowered while the terminal was offline binds it only once it has pulled the change.
 */
export async function recordLimitsVersion(
  tx: Queryable,
  resellerId: string,
  terminalId: string,
  version: number,
  limits: FloorLimits,
): Promise<void> {
  await tx.query(
    `INSERT INTO terminal_limits (reseller_id, terminal_id, version, per_sale_max, total_offline_max,
                                  max_hours_since_sync)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [resellerId, terminalId, version, limits.perSaleMax, limits.totalOfflineMax, limits.maxHoursSinceSync],
  );
}

/** A published limits version, and when the next one replaced it (null while current). */
export interface LimitsVersion {
  readonly limits: FloorLimits;
  readonly supersededAtMs: number | null;
}

/** The limits versions of one terminal that `versions` name, by version. Unknown versions are simply absent. */
export async function loadLimitsVersions(
  tx: Queryable,
  resellerId: string,
  terminalId: string,
  versions: readonly number[],
): Promise<Map<number, LimitsVersion>> {
  const out = new Map<number, LimitsVersion>();
  if (versions.length === 0) return out;
  const rows = await tx.query<{
    version: number;
    per_sale_max: unknown;
    total_offline_max: unknown;
    max_hours_since_sync: number;
    superseded_at: Date | string | null;
  }>(
    `SELECT v.version, v.per_sale_max, v.total_offline_max, v.max_hours_since_sync, n.created_at AS superseded_at
       FROM terminal_limits v
       LEFT JOIN terminal_limits n
         ON n.reseller_id = v.reseller_id AND n.terminal_id = v.terminal_id AND n.version = v.version + 1
      WHERE v.reseller_id = $1 AND v.terminal_id = $2 AND v.version = ANY($3::int[])`,
    [resellerId, terminalId, [...new Set(versions)]],
  );
  for (const r of rows) {
    out.set(Number(r.version), {
      limits: {
        perSaleMax: toMinor(r.per_sale_max),
        totalOfflineMax: toMinor(r.total_offline_max),
        maxHoursSinceSync: Number(r.max_hours_since_sync),
      },
      supersededAtMs: r.superseded_at === null ? null : new Date(r.superseded_at).getTime(),
    });
  }
  return out;
}

/**
 * The reseller-wide hard cap on offline debt: for each of its terminals the largest total offline limit it was ever
 * given. A terminal may still be selling offline under any version it pulled (it binds only once it pulls a newer
 * one), so lowering a limit cannot lower what honest terminals may already have honoured; a lying terminal can claim
 * no more than that either.
 */
export async function offlineHardCap(tx: Queryable, resellerId: string): Promise<number> {
  const rows = await tx.query<{ cap: unknown }>(
    `SELECT coalesce(sum(m), 0) AS cap
       FROM (SELECT max(total_offline_max) AS m FROM terminal_limits WHERE reseller_id = $1 GROUP BY terminal_id) t`,
    [resellerId],
  );
  return toMinor(rows[0]!.cap);
}
