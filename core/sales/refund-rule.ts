/**
 * The package refund rule (issue: package refunds). A refund gives a reseller back the credits a sale cost and takes
 * the package back from the customer; it is a manager's decision taken online, and the operator bounds it. The rule is
 * pure: the server applies it under the reseller's lock with the sale, the customer's grant and the month's refund
 * count as it holds them; the terminal applies it to show why a button is disabled.
 */

/** What the refund rule reads about a sale. */
export interface RefundableSale {
  /** The server's status of the sale. */
  readonly status: 'purchased' | 'refunded' | 'activated';
  /** The package id the customer quotes to support (shown when only a support ticket can help). */
  readonly packageId: string;
  /** When the sale was made, ms since the epoch (UTC). */
  readonly soldAtMs: number;
  /** When the package stops being valid (sale time + validity days), ms; null when it never expires. */
  readonly validUntilMs: number | null;
  /** The customer grant the sale made: its face amount and what is left of it. */
  readonly grantAmount: number;
  readonly grantRemaining: number;
}

/** The operator's bounds on refunds for a reseller. */
export interface RefundPolicy {
  /** Sales made before this instant (ms) are never refunded; null: no cut-off. */
  readonly cutoffMs: number | null;
  /** Refunds allowed per calendar month (UTC); 0 turns refunds off. */
  readonly monthlyLimit: number;
}

/** The condition a refund failed, one per rule. */
export type RefundRefusal =
  | 'not_purchased'
  | 'needs_support_ticket'
  | 'package_expired'
  | 'package_used'
  | 'before_cutoff'
  | 'monthly_limit_reached';

/** The rule's answer: allowed, or refused naming the failed condition in words a manager reads. */
export type RefundDecision =
  | { readonly kind: 'allow' }
  | { readonly kind: 'refuse'; readonly condition: RefundRefusal; readonly message: string };

/** The first instant of the calendar month (UTC) that holds `ms`. */
export function monthStartUtc(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/**
 * Decides a refund. `refundsThisMonth` counts the reseller's refunds since {@link monthStartUtc}(nowMs). The order of
 * the checks is the order a manager would fix them in: what the sale is, then what the customer did with it, then
 * the operator's bounds.
 */
export function decideRefund(
  sale: RefundableSale,
  policy: RefundPolicy,
  refundsThisMonth: number,
  nowMs: number,
): RefundDecision {
  const refuse = (condition: RefundRefusal, message: string): RefundDecision => ({
    kind: 'refuse',
    condition,
    message,
  });
  if (sale.status === 'activated')
    return refuse(
      'needs_support_ticket',
      `This package was activated, so it cannot be refunded here. Open a support ticket and quote package ID ${sale.packageId}.`,
    );
  if (sale.status !== 'purchased') return refuse('not_purchased', 'This sale was refunded already.');
  if (sale.validUntilMs !== null && sale.validUntilMs <= nowMs)
    return refuse('package_expired', 'The package has expired, so it cannot be refunded.');
  if (sale.grantRemaining !== sale.grantAmount)
    return refuse('package_used', 'The customer has used part of this package, so it cannot be refunded.');
  if (policy.cutoffMs !== null && sale.soldAtMs < policy.cutoffMs)
    return refuse(
      'before_cutoff',
      `Sales made before ${new Date(policy.cutoffMs).toISOString().slice(0, 10)} cannot be refunded.`,
    );
  if (refundsThisMonth >= policy.monthlyLimit)
    return refuse(
      'monthly_limit_reached',
      policy.monthlyLimit === 0
        ? 'Refunds are turned off for this shop.'
        : `This shop has used all ${policy.monthlyLimit} refunds allowed this month.`,
    );
  return { kind: 'allow' };
}
