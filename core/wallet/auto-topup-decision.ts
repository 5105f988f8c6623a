/**
 * The auto top-up rule as a pure function: given a wallet's rule, its balance after a debit, what auto top-up already
 * bought today and this month (UTC), and the time, decide whether to buy now, skip (and say why), or do nothing.
 * The server loads the facts under the reseller's lock, calls this, and writes what it says.
 */

/** A wallet's rule as the decision needs it. */
export interface AutoTopUpRuleState {
  readonly threshold: number;
  readonly amount: number;
  readonly maxPerDay: number;
  readonly maxAmountPerMonth: number;
  readonly enabled: boolean;
  /** After a decline the rule waits until this instant (ms since the epoch), or null. */
  readonly pausedUntilMs: number | null;
}

/** What is true of the wallet when a debit left it at `balance`. */
export interface AutoTopUpFacts {
  readonly balance: number;
  /** Auto top-ups in flight or succeeded since the start of the UTC day of `nowMs`. */
  readonly todayCount: number;
  /** Amount of auto top-ups in flight or succeeded since the start of the UTC month of `nowMs`. */
  readonly monthAmount: number;
  readonly hasPaymentMethod: boolean;
  /** Another purchase of this wallet is in flight (burst suppression). */
  readonly inFlight: boolean;
  readonly nowMs: number;
}

/** Why auto top-up skipped a purchase it would have made; the attempt is recorded with this outcome. */
export type AutoTopUpSkip =
  'skipped_day_limit' | 'skipped_month_limit' | 'skipped_no_payment_method' | 'skipped_paused';

/** What to do after a debit. */
export type AutoTopUpDecision =
  | { readonly kind: 'none'; readonly why: 'disabled' | 'not_under_threshold' | 'in_flight' }
  | { readonly kind: 'charge'; readonly amount: number }
  | { readonly kind: 'skip'; readonly outcome: AutoTopUpSkip; readonly reason: string };

/** Decides what auto top-up does for a wallet after a debit. Never charges past the day's count or month's amount. */
export function decideAutoTopUp(rule: AutoTopUpRuleState, facts: AutoTopUpFacts): AutoTopUpDecision {
  if (!rule.enabled) return { kind: 'none', why: 'disabled' };
  if (facts.balance >= rule.threshold) return { kind: 'none', why: 'not_under_threshold' };
  if (facts.inFlight) return { kind: 'none', why: 'in_flight' };
  if (rule.pausedUntilMs !== null && facts.nowMs < rule.pausedUntilMs) {
    return {
      kind: 'skip',
      outcome: 'skipped_paused',
      reason: `paused after a decline until ${new Date(rule.pausedUntilMs).toISOString()}`,
    };
  }
  if (!facts.hasPaymentMethod) {
    return { kind: 'skip', outcome: 'skipped_no_payment_method', reason: 'no saved payment method' };
  }
  if (facts.todayCount + 1 > rule.maxPerDay) {
    return {
      kind: 'skip',
      outcome: 'skipped_day_limit',
      reason: `${facts.todayCount} of ${rule.maxPerDay} top-ups already made today (UTC)`,
    };
  }
  if (facts.monthAmount + rule.amount > rule.maxAmountPerMonth) {
    return {
      kind: 'skip',
      outcome: 'skipped_month_limit',
      reason: `${facts.monthAmount} + ${rule.amount} would exceed the month's limit of ${rule.maxAmountPerMonth}`,
    };
  }
  return { kind: 'charge', amount: rule.amount };
}

/** How long a decline pauses the rule. */
export const DECLINE_PAUSE_MS = 60 * 60 * 1000;
/** Declines in a row that turn the rule off. */
export const DECLINES_TO_DISABLE = 3;

/** The rule's state after a decline: paused for an hour, or turned off at the third decline in a row. */
export function afterDecline(
  consecutiveDeclines: number,
  nowMs: number,
): { readonly consecutiveDeclines: number; readonly pausedUntilMs: number; readonly disable: boolean } {
  const n = consecutiveDeclines + 1;
  return {
    consecutiveDeclines: n,
    pausedUntilMs: nowMs + DECLINE_PAUSE_MS,
    disable: n >= DECLINES_TO_DISABLE,
  };
}

/** The start (ms) of the UTC day holding `ms`. */
export function utcDayStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** The start (ms) of the UTC month holding `ms`. */
export function utcMonthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
