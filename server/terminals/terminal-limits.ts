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

/** The limits versions of one terminal that `versions` name, by version. Unknown versions are simply absent. */
export async function loadLimitsVersions(
  tx: Queryable,
  resellerId: string,
  terminalId: string,
  versions: readonly number[],
): Promise<Map<number, FloorLimits>> {
  const out = new Map<number, FloorLimits>();
  if (versions.length === 0) return out;
  const rows = await tx.query<{
    version: number;
    per_sale_max: unknown;
    total_offline_max: unknown;
    max_hours_since_sync: number;
  }>(
    `SELECT version, per_sale_max, total_offline_max, max_hours_since_sync FROM terminal_limits
      WHERE reseller_id = $1 AND terminal_id = $2 AND version = ANY($3::int[])`,
    [resellerId, terminalId, [...new Set(versions)]],
  );
  for (const r of rows) {
    out.set(Number(r.version), {
      perSaleMax: toMinor(r.per_sale_max),
      totalOfflineMax: toMinor(r.total_offline_max),
      maxHoursSinceSync: Number(r.max_hours_since_sync),
    });
  }
  return out;
}
