import type { FloorLimits, Package, RejectReason, SaleCreatePayload } from '../../core/sync/protocol';

/** Everything the decision needs, loaded by the push service under the reseller's lock. */
export interface SaleCreateContext {
  readonly payload: SaleCreatePayload;
  readonly offline: boolean;
  /** When the terminal made the sale (the command's createdAt), ms. */
  readonly createdAtMs: number;
  readonly pkg: Package | null;
  readonly resellerCurrency: string;
  /** The reseller's credit balance before this sale (including earlier commands of the batch). */
  readonly balance: number;
  readonly floorLimits: FloorLimits;
  /** Retail total of this terminal's offline sales since its last successful sync, before this one. */
  readonly offlineTotal: number;
  /** The terminal's last successful sync, ms. */
  readonly lastSyncAtMs: number;
  /** The server's clock, ms. */
  readonly nowMs: number;
  /** How far below zero offline sales may take the reseller's balance (sum of its terminals' offline limits). */
  readonly offlineOverdraftCap: number;
}

/** How far ahead of the server's clock a terminal's clock may run. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The decision: apply with these amounts, or reject with a stable reason. */
export type SaleCreateDecision =
  | { readonly ok: true; readonly wholesaleAmount: number; readonly faceAmount: number }
  | { readonly ok: false; readonly reason: RejectReason; readonly message: string };

/** The pure rule for `sale.create`: catalog, currency, price, credit and floor-limit checks. */
export function decideSaleCreate(c: SaleCreateContext): SaleCreateDecision {
  const { payload, pkg } = c;
  if (!(c.createdAtMs <= c.nowMs + CLOCK_SKEW_MS)) {
    return {
      ok: false,
      reason: 'invalid_payload',
      message: 'the sale is dated in the future (check the terminal clock)',
    };
  }
  if (!pkg) return { ok: false, reason: 'package_not_found', message: 'no such package' };
  if (!pkg.active)
    return { ok: false, reason: 'package_inactive', message: `package ${pkg.code} is not on sale` };
  if (payload.currency !== pkg.currency || pkg.currency !== c.resellerCurrency) {
    return {
      ok: false,
      reason: 'currency_mismatch',
      message: `sale in ${payload.currency}, package in ${pkg.currency}, reseller in ${c.resellerCurrency}`,
    };
  }
  const retail = pkg.retailPrice * payload.quantity;
  if (payload.retailAmount !== retail) {
    return { ok: false, reason: 'price_mismatch', message: `retail amount should be ${retail}` };
  }
  const wholesaleAmount = pkg.wholesalePrice * payload.quantity;
  const faceAmount = pkg.faceValue * payload.quantity;
  if (!Number.isSafeInteger(wholesaleAmount) || !Number.isSafeInteger(faceAmount) || faceAmount <= 0) {
    return { ok: false, reason: 'invalid_payload', message: 'amount out of range' };
  }
  if (!c.offline) {
    if (c.balance - wholesaleAmount < 0) {
      return { ok: false, reason: 'insufficient_credits', message: 'reseller credit balance is too low' };
    }
    return { ok: true, wholesaleAmount, faceAmount };
  }
  const f = c.floorLimits;
  if (payload.retailAmount > f.perSaleMax) {
    return { ok: false, reason: 'floor_limit_exceeded', message: `offline sale above ${f.perSaleMax}` };
  }
  if (c.offlineTotal + payload.retailAmount > f.totalOfflineMax) {
    return { ok: false, reason: 'floor_limit_exceeded', message: `offline total above ${f.totalOfflineMax}` };
  }
  if (c.balance - wholesaleAmount < -c.offlineOverdraftCap) {
    return {
      ok: false,
      reason: 'floor_limit_exceeded',
      message: `offline sales would take the reseller below -${c.offlineOverdraftCap}`,
    };
  }
  if (c.createdAtMs - c.lastSyncAtMs > f.maxHoursSinceSync * 3_600_000) {
    return {
      ok: false,
      reason: 'floor_limit_exceeded',
      message: `offline sale made more than ${f.maxHoursSinceSync} h after the last sync`,
    };
  }
  return { ok: true, wholesaleAmount, faceAmount };
}
