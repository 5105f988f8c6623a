import type { LocalSaleStatus } from '../contract/types/sales';
import { assertMinorUnits } from '../money/money';
import { countsInTotals } from '../sales/sale-view';
import { cashDifference, expectedCash } from './shift-cash';

/** A sale of the shift as the figures need it. */
export interface ShiftSaleFact {
  readonly status: LocalSaleStatus;
  readonly retailAmount: number;
  readonly clerkId: string | null;
}

/** A refund done during the shift: the cash handed back and who handed it. */
export interface ShiftRefundFact {
  readonly cashBack: number;
  readonly clerkId: string;
}

/** Cash put in or taken out of the drawer during the shift. */
export interface ShiftCashMoveFact {
  readonly kind: 'in' | 'out';
  readonly amount: number;
  readonly clerkId: string;
}

/** One clerk's figures in a shift (sales, voids, refunds, cash moves). */
export interface ClerkShiftFigures {
  readonly clerkId: string;
  readonly salesCount: number;
  readonly salesAmount: number;
  readonly voidCount: number;
  readonly refundCount: number;
  readonly refundAmount: number;
  readonly cashIn: number;
  readonly cashOut: number;
}

/** A shift's totals and the drawer's expected cash. */
export interface ShiftFigures {
  readonly float: number;
  readonly salesCount: number;
  readonly salesAmount: number;
  /** Sales not sold: rejected by the server or refused at the counter (nothing was handed over or paid). */
  readonly voidCount: number;
  readonly refundCount: number;
  readonly refundAmount: number;
  readonly cashIn: number;
  readonly cashOut: number;
  readonly expected: number;
  /** By clerk, in order of first appearance (sales, then refunds, then cash moves). */
  readonly byClerk: readonly ClerkShiftFigures[];
}

/** The "no clerk" key of sales written without one (never by the app today; kept visible rather than dropped). */
export const NO_CLERK = '00000000-0000-0000-0000-000000000000';

/**
 * A shift's figures from its facts. Every counter sale is paid in cash, so cash sales are the counted sales' retail
 * amounts; a void (rejected or refused sale) took no money; a refund's cash left the drawer.
 */
export function shiftFigures(input: {
  readonly float: number;
  readonly sales: readonly ShiftSaleFact[];
  readonly refunds: readonly ShiftRefundFact[];
  readonly moves: readonly ShiftCashMoveFact[];
}): ShiftFigures {
  const clerks = new Map<string, { -readonly [K in keyof ClerkShiftFigures]: ClerkShiftFigures[K] }>();
  const of = (id: string | null) => {
    const key = id ?? NO_CLERK;
    let c = clerks.get(key);
    if (!c) {
      c = {
        clerkId: key,
        salesCount: 0,
        salesAmount: 0,
        voidCount: 0,
        refundCount: 0,
        refundAmount: 0,
        cashIn: 0,
        cashOut: 0,
      };
      clerks.set(key, c);
    }
    return c;
  };
  let salesCount = 0;
  let salesAmount = 0;
  let voidCount = 0;
  for (const s of input.sales) {
    const c = of(s.clerkId);
    if (!countsInTotals(s.status)) {
      voidCount += 1;
      c.voidCount += 1;
      continue;
    }
    salesCount += 1;
    salesAmount = assertMinorUnits(salesAmount + s.retailAmount);
    c.salesCount += 1;
    c.salesAmount = assertMinorUnits(c.salesAmount + s.retailAmount);
  }
  let refundCount = 0;
  let refundAmount = 0;
  for (const r of input.refunds) {
    const c = of(r.clerkId);
    refundCount += 1;
    refundAmount = assertMinorUnits(refundAmount + r.cashBack);
    c.refundCount += 1;
    c.refundAmount = assertMinorUnits(c.refundAmount + r.cashBack);
  }
  let cashIn = 0;
  let cashOut = 0;
  for (const m of input.moves) {
    const c = of(m.clerkId);
    if (m.kind === 'in') {
      cashIn = assertMinorUnits(cashIn + m.amount);
      c.cashIn = assertMinorUnits(c.cashIn + m.amount);
    } else {
      cashOut = assertMinorUnits(cashOut + m.amount);
      c.cashOut = assertMinorUnits(c.cashOut + m.amount);
    }
  }
  const expected = expectedCash({
    float: input.float,
    cashSales: salesAmount,
    cashRefunds: refundAmount,
    cashIn,
    cashOut,
  });
  return {
    float: input.float,
    salesCount,
    salesAmount,
    voidCount,
    refundCount,
    refundAmount,
    cashIn,
    cashOut,
    expected,
    byClerk: [...clerks.values()],
  };
}

/** The close of a shift: what was counted against what was expected. */
export function closeFigures(
  figures: ShiftFigures,
  counted: number,
): { counted: number; difference: number } {
  return { counted, difference: cashDifference(counted, figures.expected) };
}
