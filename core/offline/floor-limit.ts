import type { FloorLimits } from '../sync/protocol';

/** Why an offline sale is refused (stable codes the UI maps to text). */
export type OfflineRefusal =
  | 'offline_per_sale_limit'
  | 'offline_total_limit'
  | 'offline_sync_too_old'
  | 'offline_never_synced'
  | 'insufficient_balance';

/** What the offline rule needs to know about the sale and the terminal's state. */
export interface OfflineSaleCheck {
  /** Retail amount of the sale (what the floor limits are about), minor units. */
  readonly retailAmount: number;
  /** What the server will debit from the reseller for it (wholesale), minor units. */
  readonly debitAmount: number;
  readonly limits: FloorLimits;
  /** Retail total of sales honoured offline and not yet acknowledged, minor units. */
  readonly pendingOfflineTotal: number;
  /** Last pulled server balance minus debits of commands not yet reflected in it. */
  readonly availableBalance: number;
  /** ISO time of the last successful sync, or null when the terminal never synced. */
  readonly lastSyncAt: string | null;
  /** Now, in ms since the epoch. */
  readonly now: number;
}

/** The rule's answer: allowed, or refused with a code and a human message. */
export type OfflineDecision =
  { readonly ok: true } | { readonly ok: false; readonly reason: OfflineRefusal; readonly message: string };

const HOUR_MS = 3_600_000;
/** How far the clock may read before the last sync (small drift) before offline sales stop. */
const CLOCK_DRIFT_HOURS = 5 / 60;

/**
 * Store-and-forward rule (DESIGN 4, invariant 6): an offline sale must fit the per-sale limit, the total stored
 * offline, the hours since the last successful sync, and never exceed the last known balance minus pending debits.
 */
export function checkOfflineSale(c: OfflineSaleCheck): OfflineDecision {
  if (c.lastSyncAt === null) {
    return {
      ok: false,
      reason: 'offline_never_synced',
      message: 'This terminal has not synced yet; offline sales are not allowed.',
    };
  }
  const hours = (c.now - Date.parse(c.lastSyncAt)) / HOUR_MS;
  // A clock set back before the last sync would make the time since it negative and slip past the limit.
  if (hours < -CLOCK_DRIFT_HOURS) {
    return {
      ok: false,
      reason: 'offline_sync_too_old',
      message:
        "This terminal's clock is behind its last sync; fix the clock, then sync before selling offline.",
    };
  }
  if (!(hours <= c.limits.maxHoursSinceSync)) {
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
  if (c.pendingOfflineTotal + c.retailAmount > c.limits.totalOfflineMax) {
    return {
      ok: false,
      reason: 'offline_total_limit',
      message: 'The total of offline sales waiting to sync would exceed the terminal limit.',
    };
  }
  if (c.debitAmount > c.availableBalance) {
    return {
      ok: false,
      reason: 'insufficient_balance',
      message: 'Not enough credit left (last known balance minus pending sales).',
    };
  }
  return { ok: true };
}

/** How much more can be sold offline right now (retail, minor units), for the status bar. */
export function offlineAllowance(limits: FloorLimits, pendingOfflineTotal: number): number {
  return Math.max(0, Math.min(limits.perSaleMax, limits.totalOfflineMax - pendingOfflineTotal));
}
