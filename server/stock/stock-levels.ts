import type { StockLevel } from '../../core/sync/protocol';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';

/** A terminal's allocation of one package with the reseller's totals, as stored (zeros when nothing was stored). */
export type StockLevelRow = StockLevel;

/**
 * The stock levels of packages for one terminal: the reseller's pool totals and that terminal's allocation, for every
 * package the reseller ever bought (or only `packageIds`). Call under the reseller's lock when the answer is acted on.
 */
export async function stockLevels(
  q: Queryable,
  resellerId: string,
  terminalId: string,
  packageIds: readonly string[] | null = null,
): Promise<Map<string, StockLevelRow>> {
  const rows = await q.query<{
    package_id: string;
    bought: unknown;
    unallocated: unknown;
    allocated: unknown;
    released: unknown;
    sold: unknown;
  }>(
    `SELECT p.package_id, p.bought, p.unallocated,
            COALESCE(a.allocated, 0) AS allocated, COALESCE(a.released, 0) AS released, COALESCE(a.sold, 0) AS sold
       FROM stock_pools p
       LEFT JOIN stock_allocations a
         ON a.reseller_id = p.reseller_id AND a.package_id = p.package_id AND a.terminal_id = $2
      WHERE p.reseller_id = $1 AND ($3::uuid[] IS NULL OR p.package_id = ANY($3::uuid[]))
      ORDER BY p.package_id`,
    [resellerId, terminalId, packageIds === null ? null : packageIds.map((id) => id.toLowerCase())],
  );
  return new Map(
    rows.map((r) => [
      r.package_id,
      {
        packageId: r.package_id,
        bought: toMinor(r.bought),
        unallocated: toMinor(r.unallocated),
        terminalId,
        allocated: toMinor(r.allocated),
        released: toMinor(r.released),
        sold: toMinor(r.sold),
      },
    ]),
  );
}

/** A level with nothing bought yet (a package the reseller never bought). */
export function emptyLevel(packageId: string, terminalId: string): StockLevelRow {
  return { packageId, bought: 0, unallocated: 0, terminalId, allocated: 0, released: 0, sold: 0 };
}

/**
 * Adds to a terminal's allocation running totals (`allocated`, `released`, `sold`) and to the reseller's pool
 * (`bought`, `unallocated`) for one package, in the caller's transaction. The tables' CHECKs refuse anything that would
 * sell or release past an allocation, or allocate more than is unallocated.
 */
export async function moveStock(
  tx: Queryable,
  resellerId: string,
  terminalId: string | null,
  packageId: string,
  delta: {
    readonly bought?: number;
    readonly unallocated?: number;
    readonly allocated?: number;
    readonly released?: number;
    readonly sold?: number;
  },
): Promise<void> {
  // UPDATE first, INSERT only a first row: a CHECK is judged on an INSERT's proposed row even when it conflicts.
  if (delta.bought || delta.unallocated) {
    const args = [resellerId, packageId, delta.bought ?? 0, delta.unallocated ?? 0];
    const updated = await tx.query(
      `UPDATE stock_pools SET bought = bought + $3, unallocated = unallocated + $4
        WHERE reseller_id = $1 AND package_id = $2 RETURNING 1`,
      args,
    );
    if (updated.length === 0)
      await tx.query(
        'INSERT INTO stock_pools (reseller_id, package_id, bought, unallocated) VALUES ($1, $2, $3, $4)',
        args,
      );
  }
  if (terminalId !== null && (delta.allocated || delta.released || delta.sold)) {
    const args = [
      resellerId,
      terminalId,
      packageId,
      delta.allocated ?? 0,
      delta.released ?? 0,
      delta.sold ?? 0,
    ];
    const updated = await tx.query(
      `UPDATE stock_allocations SET allocated = allocated + $4, released = released + $5, sold = sold + $6
        WHERE reseller_id = $1 AND terminal_id = $2 AND package_id = $3 RETURNING 1`,
      args,
    );
    if (updated.length === 0)
      await tx.query(
        `INSERT INTO stock_allocations (reseller_id, terminal_id, package_id, allocated, released, sold)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        args,
      );
  }
}
