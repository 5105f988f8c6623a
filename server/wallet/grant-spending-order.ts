/**
 * The pure rule for which customer grants are spent first: lower priority number first (plan credits 10 before
 * top-ups 50), then the soonest expiry (never-expiring last), then the oldest. May move to core/ later.
 */

/** Grant priority for plan credits (spent first). */
export const PLAN_CREDIT_PRIORITY = 10;
/** Grant priority for top-ups and packages. */
export const TOP_UP_PRIORITY = 50;

/** What the rule needs to know about a grant. */
export interface SpendableGrant {
  readonly id: string;
  readonly remaining: number;
  readonly priority: number;
  /** ISO time or null for never. */
  readonly expiresAt: string | null;
  readonly createdAt: string;
}

/** Comparator: negative when `a` is spent before `b`. */
export function compareGrantSpendingOrder(a: SpendableGrant, b: SpendableGrant): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.expiresAt !== b.expiresAt) {
    if (a.expiresAt === null) return 1;
    if (b.expiresAt === null) return -1;
    return Date.parse(a.expiresAt) - Date.parse(b.expiresAt);
  }
  if (a.createdAt !== b.createdAt) return Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The live grants (not expired at `now`, something remaining) in the order they are spent. */
export function grantsInSpendingOrder<G extends SpendableGrant>(grants: readonly G[], now: Date): G[] {
  return grants
    .filter((g) => g.remaining > 0 && (g.expiresAt === null || Date.parse(g.expiresAt) > now.getTime()))
    .sort(compareGrantSpendingOrder);
}
