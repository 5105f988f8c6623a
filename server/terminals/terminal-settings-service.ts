import { AppError } from '../../core/app-error';
import type { FloorLimits } from '../../core/sync/protocol';
import type { Database } from '../db/database';
import { toIso } from '../db/sql-values';
import { appendChanges } from '../sync/change-feed';
import { recordLimitsVersion } from './terminal-limits';

/** A terminal as the operator sees it. */
export interface TerminalView {
  readonly id: string;
  readonly resellerId: string;
  readonly name: string;
  readonly salePrefix: string;
  readonly serialPrefix: string;
  readonly floorLimits: FloorLimits;
  /** Bumped by every change of the floor limits. */
  readonly limitsVersion: number;
  readonly lastSyncAt: string;
  readonly createdAt: string;
}

interface TerminalRow {
  id: string;
  reseller_id: string;
  name: string;
  sale_prefix: string;
  serial_prefix: string;
  per_sale_max: unknown;
  total_offline_max: unknown;
  max_hours_since_sync: unknown;
  limits_version: unknown;
  last_sync_at: unknown;
  created_at: unknown;
}

const COLUMNS = `id, reseller_id, name, sale_prefix, serial_prefix, per_sale_max, total_offline_max,
  max_hours_since_sync, limits_version, last_sync_at, created_at`;

function toView(r: TerminalRow): TerminalView {
  return {
    id: r.id,
    resellerId: r.reseller_id,
    name: r.name,
    salePrefix: r.sale_prefix,
    serialPrefix: r.serial_prefix,
    floorLimits: {
      perSaleMax: Number(r.per_sale_max),
      totalOfflineMax: Number(r.total_offline_max),
      maxHoursSinceSync: Number(r.max_hours_since_sync),
    },
    limitsVersion: Number(r.limits_version),
    lastSyncAt: toIso(r.last_sync_at),
    createdAt: toIso(r.created_at),
  };
}

/** A reseller's terminals, oldest first. */
export async function listTerminals(db: Database, resellerId: string): Promise<TerminalView[]> {
  const rows = await db.query<TerminalRow>(
    `SELECT ${COLUMNS} FROM terminals WHERE reseller_id = $1 ORDER BY created_at, id`,
    [resellerId],
  );
  return rows.map(toView);
}

/**
 * Renames a terminal or changes its offline floor limits, and puts a `terminal_settings` change on the reseller's
 * feed in the same transaction so the terminal picks the new limits up at its next pull.
 */
export async function updateTerminalSettings(
  db: Database,
  resellerId: string,
  terminalId: string,
  patch: { readonly name?: string | undefined; readonly floorLimits?: FloorLimits | undefined },
): Promise<TerminalView> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<TerminalRow>(
      `UPDATE terminals SET
         name = COALESCE($3, name),
         per_sale_max = COALESCE($4, per_sale_max),
         total_offline_max = COALESCE($5, total_offline_max),
         max_hours_since_sync = COALESCE($6, max_hours_since_sync),
         limits_version = limits_version + CASE WHEN $4::bigint IS NULL THEN 0 ELSE 1 END
       WHERE reseller_id = $1 AND id = $2
       RETURNING ${COLUMNS}`,
      [
        resellerId,
        terminalId,
        patch.name ?? null,
        patch.floorLimits?.perSaleMax ?? null,
        patch.floorLimits?.totalOfflineMax ?? null,
        patch.floorLimits?.maxHoursSinceSync ?? null,
      ],
    );
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'No such terminal for this reseller');
    const view = toView(row);
    if (patch.floorLimits)
      await recordLimitsVersion(tx, resellerId, terminalId, view.limitsVersion, view.floorLimits);
    await appendChanges(tx, resellerId, [
      {
        kind: 'terminal_settings',
        data: {
          terminalId: view.id,
          terminalName: view.name,
          floorLimits: view.floorLimits,
          limitsVersion: view.limitsVersion,
        },
      },
    ]);
    return view;
  });
}
