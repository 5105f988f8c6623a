import { MAX_CLOCK_DRIFT_MS } from '../../core/offline/offline-window';
import type { Package, RejectReason, SaleCreatePayload } from '../../core/sync/protocol';
import { checkClaimBasis, checkClaimExposure, isStale, type OfflineContext } from './offline-claim-decision';

export type { OfflineContext } from './offline-claim-decision';

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
  const basis = checkClaimBasis(o);
  if (!basis.ok) return basis;
  if (isStale(sold.supersededAtMs, basis.lastSyncAtMs))
    return refuse(
      'unknown_version',
      `package version ${version} was replaced before the sync the sale names`,
    );
  const priced = price(c, sold.packageId, sold);
  if (!priced.ok) return priced;
  const exposure = checkClaimExposure(o, {
    amount: payload.retailAmount,
    createdAtMs: c.createdAtMs,
    lastSyncAtMs: basis.lastSyncAtMs,
    balanceAfter: c.balance - priced.wholesaleAmount,
  });
  if (!exposure.ok) return exposure;
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
