import { decideStockTake, type StockTakeDecision } from '../../core/stock/stock-allocation';
import type { StockLevel } from '../../core/sync/protocol';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';
import { emptyLevel, moveStock, stockLevels } from './stock-levels';

/** A lot of stock the shop bought at one package version, with that version's prices (review F1). */
export interface StockLot {
  readonly version: number;
  readonly faceValue: number;
  readonly wholesalePrice: number;
  readonly validityDays: number | null;
  /** Units of the lot not sold yet. */
  left: number;
}

/** What a stock sale took from one lot. */
export interface LotTake {
  readonly lot: StockLot;
  readonly quantity: number;
}

const keyOf = (terminalId: string, packageId: string): string => `${terminalId}#${packageId.toLowerCase()}`;

/**
 * The pushing terminals' stock allocations during one push batch, shared by `stock.sale` and `stock.release`: loaded
 * once under the reseller's lock, taken from in command order, and written once after the batch was decided (the
 * tables' CHECKs stand behind the rule). Keyed by terminal and package, so a batch may hold several terminals' pushes.
 */
export class BatchStock {
  private readonly levels = new Map<string, StockLevel>();
  private readonly deltas = new Map<
    string,
    { terminalId: string; packageId: string; sold: number; released: number; pooled: number }
  >();
  /** The shop's lots per package, oldest version first (one reseller per batch). */
  private readonly lots = new Map<string, StockLot[]>();
  private readonly lotDeltas = new Map<string, { packageId: string; version: number; consumed: number }>();

  /** Loads the shop's lots of these packages (those not loaded yet), oldest version first. */
  async loadLots(tx: Queryable, resellerId: string, packageIds: readonly string[]): Promise<void> {
    const missing = [...new Set(packageIds.map((p) => p.toLowerCase()))].filter((p) => !this.lots.has(p));
    if (missing.length === 0) return;
    const rows = await tx.query<{
      package_id: string;
      package_version: number;
      bought: unknown;
      consumed: unknown;
      face_value: unknown;
      wholesale_price: unknown;
      validity_days: number | null;
    }>(
      `SELECT l.package_id, l.package_version, l.bought, l.consumed, v.face_value, v.wholesale_price, v.validity_days
         FROM stock_lots l JOIN package_versions v ON v.package_id = l.package_id AND v.version = l.package_version
        WHERE l.reseller_id = $1 AND l.package_id = ANY($2::uuid[])
        ORDER BY l.package_id, l.package_version`,
      [resellerId, missing],
    );
    for (const p of missing) this.lots.set(p, []);
    for (const r of rows)
      this.lots.get(r.package_id)!.push({
        version: Number(r.package_version),
        faceValue: toMinor(r.face_value),
        wholesalePrice: toMinor(r.wholesale_price),
        validityDays: r.validity_days === null ? null : Number(r.validity_days),
        left: toMinor(r.bought) - toMinor(r.consumed),
      });
  }

  /** True when the shop bought this version of the package (a lot of it exists, sold out or not). */
  hasLot(packageId: string, version: number): boolean {
    return (this.lots.get(packageId.toLowerCase()) ?? []).some((l) => l.version === version);
  }

  /** Units of the package the shop's lots still hold. */
  lotsLeft(packageId: string): number {
    return (this.lots.get(packageId.toLowerCase()) ?? []).reduce((n, l) => n + l.left, 0);
  }

  /**
   * Takes `quantity` units from the shop's lots of a package, first in, first out (oldest version first), and answers
   * what came from which lot; null (nothing taken) when the lots hold less.
   */
  consumeLots(packageId: string, quantity: number): LotTake[] | null {
    const id = packageId.toLowerCase();
    if (this.lotsLeft(id) < quantity) return null;
    const out: LotTake[] = [];
    let need = quantity;
    for (const lot of this.lots.get(id) ?? []) {
      if (need === 0) break;
      const n = Math.min(need, lot.left);
      if (n === 0) continue;
      lot.left -= n;
      need -= n;
      out.push({ lot, quantity: n });
      const key = `${id}#${lot.version}`;
      const d = this.lotDeltas.get(key) ?? { packageId: id, version: lot.version, consumed: 0 };
      d.consumed += n;
      this.lotDeltas.set(key, d);
    }
    return out;
  }

  /** Loads a terminal's levels of these packages (those not loaded yet). */
  async load(
    tx: Queryable,
    resellerId: string,
    terminalId: string,
    packageIds: readonly string[],
  ): Promise<void> {
    const missing = [...new Set(packageIds.map((p) => p.toLowerCase()))].filter(
      (p) => !this.levels.has(keyOf(terminalId, p)),
    );
    if (missing.length === 0) return;
    const found = await stockLevels(tx, resellerId, terminalId, missing);
    for (const p of missing) this.levels.set(keyOf(terminalId, p), found.get(p) ?? emptyLevel(p, terminalId));
  }

  /**
   * Takes `quantity` of a package from a terminal's allocation for a sale or a release when it holds it (core rule),
   * and answers the level after (for the change feed) or the refusal. A release returns the units to the shop's
   * unallocated stock unless `toPool` is false (a withdrawn package's stock is credited back instead).
   */
  take(
    terminalId: string,
    packageId: string,
    quantity: number,
    kind: 'sold' | 'released',
    toPool = true,
  ): { decision: StockTakeDecision; level: StockLevel } {
    const id = packageId.toLowerCase();
    const key = keyOf(terminalId, id);
    const level = this.levels.get(key) ?? emptyLevel(id, terminalId);
    const decision = decideStockTake(level, quantity);
    if (!decision.ok) return { decision, level };
    const next: StockLevel =
      kind === 'sold'
        ? { ...level, sold: level.sold + quantity }
        : {
            ...level,
            released: level.released + quantity,
            unallocated: level.unallocated + (toPool ? quantity : 0),
          };
    this.levels.set(key, next);
    const d = this.deltas.get(key) ?? { terminalId, packageId: id, sold: 0, released: 0, pooled: 0 };
    d[kind] += quantity;
    if (kind === 'released' && toPool) d.pooled += quantity;
    this.deltas.set(key, d);
    return { decision, level: next };
  }

  /** Writes what the batch took (once; a second call writes nothing), in key order. */
  async write(tx: Queryable, resellerId: string): Promise<void> {
    for (const [, d] of [...this.deltas].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await moveStock(tx, resellerId, d.terminalId, d.packageId, {
        sold: d.sold,
        released: d.released,
        unallocated: d.pooled,
      });
    }
    this.deltas.clear();
    for (const [, d] of [...this.lotDeltas].sort(([a], [b]) => (a < b ? -1 : 1)))
      await tx.query(
        `UPDATE stock_lots SET consumed = consumed + $4
          WHERE reseller_id = $1 AND package_id = $2 AND package_version = $3`,
        [resellerId, d.packageId, d.version, d.consumed],
      );
    this.lotDeltas.clear();
  }
}
