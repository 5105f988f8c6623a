import type { CashCount } from '../../shifts/denominations';
import type { ClerkShiftFigures, ShiftFigures } from '../../shifts/shift-figures';

/** A shift as lists and the Shift panel show it. */
export interface ShiftSummary {
  readonly id: string;
  /** The terminal's running shift number. */
  readonly number: number;
  readonly state: 'open' | 'closed';
  readonly currency: string;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly openedByName: string;
  /** True when a sale opened it (no float was counted). */
  readonly implicit: boolean;
  readonly float: number;
  readonly closedAt: string | null;
  readonly closedByName: string | null;
  readonly zNumber: string | null;
  readonly expected: number | null;
  readonly counted: number | null;
  readonly difference: number | null;
  /** Whether the central API has its open and close: waiting, synced, or refused (with the reason). */
  readonly sync: 'pending' | 'synced' | 'rejected';
  readonly syncMessage: string | null;
}

/** One clerk's row of a shift report, with the clerk's name. */
export interface ShiftReportClerk extends ClerkShiftFigures {
  readonly clerkName: string;
}

/** An X-report (mid-shift, any time) or a Z-report (the close): the shift's figures at that moment. */
export interface ShiftReport extends Omit<ShiftFigures, 'byClerk'> {
  readonly kind: 'X' | 'Z';
  readonly shift: ShiftSummary;
  readonly terminalName: string;
  readonly generatedAt: string;
  readonly byClerk: readonly ShiftReportClerk[];
  readonly floatCount: CashCount | null;
  readonly closeCount: CashCount | null;
}

/** A cash move into or out of the drawer. */
export interface CashMove {
  readonly id: string;
  readonly shiftId: string;
  readonly kind: 'in' | 'out';
  readonly amount: number;
  readonly reason: string;
  readonly clerkId: string;
  readonly clerkName: string;
  readonly at: string;
}

/** The Shift panel's state (`shifts.current`). */
export interface ShiftState {
  readonly current: ShiftSummary | null;
  readonly currency: string;
  /** The currency's notes and coins, largest first (empty: count by total). */
  readonly denominations: readonly number[];
  /** When true a sale needs an open shift; when false (the default) a sale opens one at float 0. */
  readonly requireOpenShift: boolean;
  readonly moves: readonly CashMove[];
}

/** A rendered shift report PDF. */
export interface RenderedShiftReport {
  readonly pdfBase64: string;
  readonly fileName: string;
  readonly report: ShiftReport;
}

/** A page of shifts, newest first (`shifts.list`). */
export interface ShiftPage {
  readonly rows: readonly ShiftSummary[];
  /** Pass as `before` for the next page; null at the end. */
  readonly next: number | null;
}
