import type { FloorLimits } from '../sync/protocol';

/**
 * The offline window: the one definition of offline exposure that the terminal (when it honours a sale) and the
 * central API (when the sale arrives) both apply, so what the counter honoured the server honours (DESIGN 4).
 *
 * - **What counts:** every sale the terminal honoured under the offline rules gets a decision number `seq` (1, 2, 3,
 *   ... in the order the terminal decided them). A sale's exposure is the retail total of the decisions numbered
 *   from its `windowStart` (the oldest decision the server had not yet acknowledged to the terminal when it decided)
 *   up to, not including, its own `seq`. Decisions inside that range that were already acknowledged still count:
 *   the window only moves when its oldest decision is acknowledged, so the count never depends on the order in which
 *   acknowledgements and pulls happened to arrive.
 * - **From which moment:** the hours-since-sync limit counts from the terminal's last successful sync, as the time
 *   the server stamped on that sync (`lastSyncAt`, the server's clock), to the sale's `createdAt` (the terminal's
 *   clock, which the terminal keeps within {@link MAX_CLOCK_DRIFT_MS} of the server's or stops offline sales).
 * - **Which limits:** the floor-limits version the terminal had pulled; a change binds it once it has pulled it.
 *
 * The server sees a subset of the terminal's decisions (those it already applied), so its exposure is never larger
 * than the terminal's: the same rule on the same claim cannot refuse what the terminal accepted.
 */

/** How far a terminal's clock may be from the server's before it stops offline sales (and the server's tolerance). */
export const MAX_CLOCK_DRIFT_MS = 5 * 60_000;

const HOUR_MS = 3_600_000;

/** One offline decision as both sides know it. */
export interface OfflineDecisionRecord {
  readonly seq: number;
  readonly retailAmount: number;
}

/** Retail total of the decisions numbered `windowStart` <= seq < `seq`: the exposure a new decision adds to. */
export function windowExposure(
  decisions: Iterable<OfflineDecisionRecord>,
  windowStart: number,
  seq: number,
): number {
  let total = 0;
  for (const d of decisions) if (d.seq >= windowStart && d.seq < seq) total += d.retailAmount;
  return total;
}

/** Why the window refuses an offline sale (stable codes the UI maps to text). */
export type WindowRefusal =
  'offline_per_sale_limit' | 'offline_total_limit' | 'offline_sync_too_old' | 'offline_clock_behind';

/** What the window rule judges. */
export interface OfflineWindowCheck {
  /** Retail amount of this sale, minor units. */
  readonly retailAmount: number;
  /** The floor limits of the version the terminal had pulled. */
  readonly limits: FloorLimits;
  /** {@link windowExposure} before this sale. */
  readonly exposure: number;
  /** The sale's time (the command's createdAt), ms. */
  readonly saleAtMs: number;
  /** The last successful sync as the server stamped it, ms. */
  readonly lastSyncAtMs: number;
}

/** The window's answer. */
export type WindowDecision =
  { readonly ok: true } | { readonly ok: false; readonly reason: WindowRefusal; readonly message: string };

/**
 * The floor-limit rule of the offline window: per-sale limit, total exposure, hours since the last sync, and a clock
 * that reads before the last sync. Pure and identical on both sides.
 */
export function judgeOfflineWindow(c: OfflineWindowCheck): WindowDecision {
  const sinceSyncMs = c.saleAtMs - c.lastSyncAtMs;
  // A clock set back before the last sync would make the time since it negative and slip past the limit.
  if (sinceSyncMs < -MAX_CLOCK_DRIFT_MS) {
    return {
      ok: false,
      reason: 'offline_clock_behind',
      message:
        "This terminal's clock is behind its last sync; fix the clock, then sync before selling offline.",
    };
  }
  if (!(sinceSyncMs <= c.limits.maxHoursSinceSync * HOUR_MS)) {
    return {
      ok: false,
      reason: 'offline_sync_too_old',
      message: `Last sync was more than ${c.limits.maxHoursSinceSync} h ago; offline sales are blocked until the terminal syncs.`,
    };
  }
  if (c.retailAmount > c.limits.perSaleMax) {
    return {
      ok: false,
      reason: 'offline_per_sale_limit',
      message: 'This sale is above the offline per-sale limit.',
    };
  }
  if (c.exposure + c.retailAmount > c.limits.totalOfflineMax) {
    return {
      ok: false,
      reason: 'offline_total_limit',
      message: 'The total of offline sales waiting to sync would exceed the terminal limit.',
    };
  }
  return { ok: true };
}

/**
 * Offline decisions kept sorted by `seq`, for the exposure of many claims at once (the server's push batch). Same
 * definition as {@link windowExposure}.
 */
export class OfflineWindowIndex {
  private readonly seqs: number[] = [];
  private readonly amounts: number[] = [];

  /** Adds a decision; returns false (and adds nothing) when its seq is already taken. */
  add(d: OfflineDecisionRecord): boolean {
    const i = this.lowerBound(d.seq);
    if (this.seqs[i] === d.seq) return false;
    this.seqs.splice(i, 0, d.seq);
    this.amounts.splice(i, 0, d.retailAmount);
    return true;
  }

  /** True when a decision with this seq is known. */
  has(seq: number): boolean {
    return this.seqs[this.lowerBound(seq)] === seq;
  }

  /** Retail total of the decisions numbered `windowStart` <= seq < `seq`. */
  exposure(windowStart: number, seq: number): number {
    let total = 0;
    for (let i = this.lowerBound(windowStart); i < this.seqs.length && this.seqs[i]! < seq; i++)
      total += this.amounts[i]!;
    return total;
  }

  private lowerBound(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
