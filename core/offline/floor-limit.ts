import type { FloorLimits } from '../sync/protocol';
import { judgeOfflineWindow, MAX_CLOCK_DRIFT_MS, type WindowRefusal } from './offline-window';

/** Why an offline sale is refused at the counter (stable codes the UI maps to text). */
export type OfflineRefusal =
  | WindowRefusal
  | 'offline_never_synced'
  | 'offline_clock_wrong'
  | 'terminal_blocked'
  | 'insufficient_balance';

/** What the terminal's offline rule needs to know about the sale and the terminal's state. */
export interface OfflineSaleCheck {
  /** Retail amount of the sale (what the floor limits are about), minor units. */
  readonly retailAmount: number;
  /** What the server will debit from the reseller for it (wholesale), minor units. */
  readonly debitAmount: number;
  readonly limits: FloorLimits;
  /** The offline window's exposure before this sale (core/offline/offline-window.ts). */
  readonly exposure: number;
  /** Last pulled server balance minus debits of commands not yet reflected in it. */
  readonly availableBalance: number;
  /** The last successful sync as the server stamped it (ISO), or null when the terminal never synced. */
  readonly lastSyncAt: string | null;
  /** The sale's time on this terminal's clock, ms. */
  readonly saleAtMs: number;
  /** Server clock minus this terminal's clock as last measured, ms (null when never measured). */
  readonly clockOffsetMs: number | null;
}

/** The rule's answer: allowed, or refused with a code and a human message. */
export type OfflineDecision =
  { readonly ok: true } | { readonly ok: false; readonly reason: OfflineRefusal; readonly message: string };

/**
 * Store-and-forward rule at the counter (DESIGN 4, invariant 6): the terminal must have synced, its clock must agree
 * with the server's, the sale must fit the offline window (the same rule the server applies to the claim the sale
 * carries), and it may never exceed the last known balance minus pending debits.
 */
export function checkOfflineSale(c: OfflineSaleCheck): OfflineDecision {
  if (c.lastSyncAt === null) {
    return {
      ok: false,
      reason: 'offline_never_synced',
      message: 'This terminal has not synced yet; offline sales are not allowed.',
    };
  }
  if (c.clockOffsetMs !== null && Math.abs(c.clockOffsetMs) > MAX_CLOCK_DRIFT_MS) {
    const minutes = Math.round(Math.abs(c.clockOffsetMs) / 60_000);
    return {
      ok: false,
      reason: 'offline_clock_wrong',
      message: `This terminal's clock is ${minutes} min ${c.clockOffsetMs > 0 ? 'behind' : 'ahead of'} the server's; fix the clock to sell offline.`,
    };
  }
  const window = judgeOfflineWindow({
    retailAmount: c.retailAmount,
    limits: c.limits,
    exposure: c.exposure,
    saleAtMs: c.saleAtMs,
    lastSyncAtMs: Date.parse(c.lastSyncAt),
  });
  if (!window.ok) return window;
  if (c.debitAmount > c.availableBalance) {
    return {
      ok: false,
      reason: 'insufficient_balance',
      message: 'Not enough credit left (last known balance minus pending sales).',
    };
  }
  return { ok: true };
}

/**
 * How much more can be sold offline in total right now (retail, minor units), for the status bar: the total offline
 * limit minus what is already sold offline. It goes down with every offline sale; the per-sale limit is separate
 * (`FloorLimits.perSaleMax`) and shown beside it.
 */
export function offlineAllowance(limits: FloorLimits, exposure: number): number {
  return Math.max(0, limits.totalOfflineMax - exposure);
}

/** What is left of the offline limits: the largest single sale, and the total still allowed (minor units). */
export interface OfflineHeadroom {
  readonly perSaleMax: number;
  readonly totalLeft: number;
}

/** Which offline limit a sale of `retailAmount` would break (per sale first), or null when it fits both. */
export function offlineLimitBreached(
  retailAmount: number,
  headroom: OfflineHeadroom,
): 'offline_per_sale_limit' | 'offline_total_limit' | null {
  if (retailAmount > headroom.perSaleMax) return 'offline_per_sale_limit';
  if (retailAmount > headroom.totalLeft) return 'offline_total_limit';
  return null;
}
