import { judgeOfflineWindow, MAX_CLOCK_DRIFT_MS } from '../../core/offline/offline-window';
import type {
  FloorLimits,
  OfflineClaim,
  Package,
  RejectReason,
  SaleCreatePayload,
} from '../../core/sync/protocol';

/** A package as one version published it: the prices an offline sale at that version is applied at. */
export interface PackageVersion {
  readonly packageId: string;
  readonly version: number;
  readonly faceValue: number;
  readonly wholesalePrice: number;
  readonly retailPrice: number;
  readonly currency: string;
  readonly validityDays: number | null;
  readonly active: boolean;
  /** When the next version replaced this one, ms (null while current). */
  readonly supersededAtMs: number | null;
}

/** What an offline sale brings to the decision: its claim and what the server holds for it. */
export interface OfflineContext {
  readonly claim: OfflineClaim;
  /** The limits of the version the claim names, or null when the server never published that version. */
  readonly limits: FloorLimits | null;
  /** When the next limits version replaced the one the claim names, ms (null while current). */
  readonly limitsSupersededAtMs: number | null;
  /** When the terminal was enrolled, ms: no honest claim names a sync before it. */
  readonly enrolledAtMs: number;
  /** The offline window's exposure before this sale, over the offline sales the server has of this terminal. */
  readonly exposure: number;
  /** The latest sync stamp the server handed this terminal, ms. */
  readonly lastSyncStampMs: number;
  /** How far below zero offline sales may take the reseller's balance (the reseller-wide hard cap). */
  readonly hardCap: number;
}

/** Everything the decision needs, loaded by the push under the reseller's lock. */
export interface SaleCreateContext {
  readonly payload: SaleCreatePayload;
  /** When the terminal made the sale (the command's createdAt), ms. */
  readonly createdAtMs: number;
  /** The server's clock, ms. */
  readonly nowMs: number;
  /** The package as the catalog has it now (online sales), or null when unknown. */
  readonly current: Package | null;
  /** The version the sale names (offline sales are applied at it), or null when never published. */
  readonly sold: PackageVersion | null;
  readonly resellerCurrency: string;
  /** The reseller's credit balance before this sale (including earlier commands of the batch). */
  readonly balance: number;
  /** Null for an online sale. */
  readonly offline: OfflineContext | null;
}

/** The decision: apply with these amounts, or reject with a stable reason. */
export type SaleCreateDecision =
  | {
      readonly ok: true;
      readonly wholesaleAmount: number;
      readonly faceAmount: number;
      readonly validityDays: number | null;
    }
  | { readonly ok: false; readonly reason: RejectReason; readonly message: string };

type Refusal = Extract<SaleCreateDecision, { ok: false }>;
const refuse = (reason: RejectReason, message: string): Refusal => ({ ok: false, reason, message });

/**
 * The pure rule for `sale.create`. An online sale is judged against today's catalog and balance (the clerk sees a
 * refusal before anything prints). An offline sale was honoured at the counter: it is applied at the package version
 * and judged by the limits version it names, with the offline window rule the terminal used, and refused only for
 * what no honest terminal produces (a version never published, a sync never stamped, a window over its limits, a
 * debt past the reseller's hard cap).
 */
export function decideSaleCreate(c: SaleCreateContext): SaleCreateDecision {
  if (!(c.createdAtMs <= c.nowMs + MAX_CLOCK_DRIFT_MS))
    return refuse('invalid_command', 'the sale is dated in the future (check the terminal clock)');
  return c.offline ? decideOffline(c, c.offline) : decideOnline(c);
}

function decideOnline(c: SaleCreateContext): SaleCreateDecision {
  const { payload, current: pkg } = c;
  if (!pkg) return refuse('package_not_found', 'no such package');
  if (!pkg.active) return refuse('package_inactive', `package ${pkg.code} is not on sale`);
  // A sale written before versions existed names none: it is judged against today's catalog, as it was then.
  if (payload.packageVersion !== undefined && pkg.version !== payload.packageVersion) {
    return refuse(
      'catalog_changed',
      `package ${pkg.code} changed (version ${pkg.version}, sold at ${payload.packageVersion}); sell it again`,
    );
  }
  const priced = price(c, pkg.id, pkg);
  if (!priced.ok) return priced;
  if (c.balance - priced.wholesaleAmount < 0)
    return refuse('insufficient_credits', 'reseller credit balance is too low');
  return priced;
}

function decideOffline(c: SaleCreateContext, o: OfflineContext): SaleCreateDecision {
  const { payload, sold } = c;
  const version = payload.packageVersion ?? 1;
  if (!sold || !sold.active) {
    return refuse(
      'unknown_version',
      `package version ${version} was never on sale (no terminal could sell at it)`,
    );
  }
  if (!o.limits)
    return refuse('unknown_version', `floor limits version ${o.claim.limitsVersion} was never published`);
  const lastSyncAtMs = Date.parse(o.claim.lastSyncAt);
  if (lastSyncAtMs > o.lastSyncStampMs)
    return refuse('invalid_command', 'the offline claim names a sync the server never stamped');
  if (lastSyncAtMs < o.enrolledAtMs - MAX_CLOCK_DRIFT_MS)
    return refuse('invalid_command', 'the offline claim names a sync from before the terminal was enrolled');
  // At its last sync the terminal had every version published before it: one replaced by then cannot be in use.
  const stale = (supersededAtMs: number | null): boolean =>
    supersededAtMs !== null && supersededAtMs < lastSyncAtMs - MAX_CLOCK_DRIFT_MS;
  if (stale(sold.supersededAtMs))
    return refuse(
      'unknown_version',
      `package version ${version} was replaced before the sync the sale names`,
    );
  if (stale(o.limitsSupersededAtMs)) {
    return refuse(
      'unknown_version',
      `floor limits version ${o.claim.limitsVersion} was replaced before the sync the sale names`,
    );
  }
  const priced = price(c, sold.packageId, sold);
  if (!priced.ok) return priced;
  const window = judgeOfflineWindow({
    retailAmount: payload.retailAmount,
    limits: o.limits,
    exposure: o.exposure,
    saleAtMs: c.createdAtMs,
    lastSyncAtMs,
  });
  if (!window.ok) return refuse('floor_limit_exceeded', window.message);
  if (c.balance - priced.wholesaleAmount < -o.hardCap) {
    return refuse(
      'floor_limit_exceeded',
      `offline sales would take the reseller below -${o.hardCap}, the hard cap of its terminals`,
    );
  }
  return priced;
}

/** Prices the sale at `pkg`'s prices (the current package or the version sold at) and checks what the terminal sent. */
function price(
  c: SaleCreateContext,
  packageId: string,
  pkg: Pick<PackageVersion, 'faceValue' | 'wholesalePrice' | 'retailPrice' | 'currency' | 'validityDays'>,
): SaleCreateDecision {
  const { payload } = c;
  if (payload.currency !== pkg.currency || pkg.currency !== c.resellerCurrency) {
    return refuse(
      'currency_mismatch',
      `sale in ${payload.currency}, package ${packageId} in ${pkg.currency}, reseller in ${c.resellerCurrency}`,
    );
  }
  const retail = pkg.retailPrice * payload.quantity;
  if (payload.retailAmount !== retail) return refuse('price_mismatch', `retail amount should be ${retail}`);
  const wholesaleAmount = pkg.wholesalePrice * payload.quantity;
  const faceAmount = pkg.faceValue * payload.quantity;
  if (!Number.isSafeInteger(wholesaleAmount) || !Number.isSafeInteger(faceAmount) || faceAmount <= 0)
    return refuse('invalid_payload', 'amount out of range');
  return { ok: true, wholesaleAmount, faceAmount, validityDays: pkg.validityDays };
}
