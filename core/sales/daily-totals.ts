import type { LocalSaleStatus, SalesTotals } from '../contract/types/sales';
import { assertMinorUnits } from '../money/money';
import { countsInTotals } from './sale-view';

/** The facts of a sale the totals need. */
export interface TotalsSale {
  readonly status: LocalSaleStatus;
  readonly retailAmount: number;
  readonly clerkId: string | null;
  /** UTC ISO time the sale was made. */
  readonly createdAt: string;
}

/** The facts of a refund the totals need: the cash handed back, by whom, when. */
export interface TotalsRefund {
  readonly cashBack: number;
  readonly clerkId: string;
  /** UTC ISO time the central API refunded it. */
  readonly refundedAt: string;
}

/** What the totals are computed for: the local day's start and the current clerk's session, if any. */
export interface TotalsWindow {
  readonly currency: string | null;
  /** UTC ISO instant of local midnight (see `localDayStart`). */
  readonly dayStart: string;
  /** The signed-in clerk and when their session started (UTC ISO), or null when nobody is signed in. */
  readonly shift: { readonly clerkId: string; readonly since: string } | null;
}

/**
 * The start of the local day containing `now`, in the machine's time zone (midnight, or the first instant of the
 * day when a DST change skips midnight), as a Date (compare and store it as UTC).
 */
export function localDayStart(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate(), 0, 0, 0, 0);
}

/** True when UTC ISO time `t` is at or after UTC ISO time `since` (both in Date.toISOString form). */
function atOrAfter(t: string, since: string): boolean {
  return Date.parse(t) >= Date.parse(since);
}

/**
 * Today's count and amount and the current clerk's shift count and cash taken, from a list of sales, and the refunds
 * of the day and of the shift (cash handed back). Reversed and refused (in-doubt) sales are left out; cash taken is
 * the retail amount of each counted sale of the shift. A refunded sale still counts as sold on its day: its refund is
 * counted on the refund's day, by the clerk who handed the cash back.
 */
export function computeSalesTotals(
  sales: readonly TotalsSale[],
  window: TotalsWindow,
  refunds: readonly TotalsRefund[] = [],
): SalesTotals {
  let refundCount = 0;
  let refundAmount = 0;
  let cashRefunded = 0;
  for (const r of refunds) {
    assertMinorUnits(r.cashBack);
    if (atOrAfter(r.refundedAt, window.dayStart)) {
      refundCount += 1;
      refundAmount = assertMinorUnits(refundAmount + r.cashBack);
    }
    if (window.shift && r.clerkId === window.shift.clerkId && atOrAfter(r.refundedAt, window.shift.since))
      cashRefunded = assertMinorUnits(cashRefunded + r.cashBack);
  }
  let todayCount = 0;
  let todayAmount = 0;
  let shiftCount = 0;
  let cashTaken = 0;
  for (const s of sales) {
    if (!countsInTotals(s.status)) continue;
    assertMinorUnits(s.retailAmount);
    if (atOrAfter(s.createdAt, window.dayStart)) {
      todayCount += 1;
      todayAmount = assertMinorUnits(todayAmount + s.retailAmount);
    }
    if (window.shift && s.clerkId === window.shift.clerkId && atOrAfter(s.createdAt, window.shift.since)) {
      shiftCount += 1;
      cashTaken = assertMinorUnits(cashTaken + s.retailAmount);
    }
  }
  return {
    currency: window.currency,
    today: {
      from: window.dayStart,
      count: todayCount,
      amount: todayAmount,
      refunds: { count: refundCount, amount: refundAmount },
    },
    shift: {
      clerkId: window.shift?.clerkId ?? null,
      since: window.shift?.since ?? null,
      count: shiftCount,
      cashTaken,
      cashRefunded,
    },
  };
}
