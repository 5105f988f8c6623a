import { assertMinorUnits } from '../money/money';

/** The cash movements of a shift that decide what the drawer should hold, in minor units (each >= 0). */
export interface ShiftCashFlows {
  /** Cash counted into the drawer when the shift opened. */
  readonly float: number;
  /** Retail amount of the sales of the shift that count as sold (every counter sale is paid in cash). */
  readonly cashSales: number;
  /** Cash handed back for refunds made during the shift. */
  readonly cashRefunds: number;
  /** Cash put into the drawer (e.g. change from the bank). */
  readonly cashIn: number;
  /** Cash taken out of the drawer (e.g. a drop to the safe, a supplier paid). */
  readonly cashOut: number;
}

/** What the drawer should hold: float + cash sales − cash refunds + cash in − cash out. */
export function expectedCash(f: ShiftCashFlows): number {
  for (const v of [f.float, f.cashSales, f.cashRefunds, f.cashIn, f.cashOut]) {
    assertMinorUnits(v);
    if (v < 0) throw new RangeError('a cash flow is not negative');
  }
  return assertMinorUnits(f.float + f.cashSales - f.cashRefunds + f.cashIn - f.cashOut);
}

/** Counted minus expected: positive is cash over, negative cash short, zero balanced. */
export function cashDifference(counted: number, expected: number): number {
  return assertMinorUnits(assertMinorUnits(counted) - assertMinorUnits(expected));
}

/** How a difference reads for the clerk and on the Z-report. */
export function differenceLabel(difference: number): 'balanced' | 'over' | 'short' {
  return difference === 0 ? 'balanced' : difference > 0 ? 'over' : 'short';
}
