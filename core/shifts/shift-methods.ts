import { z } from 'zod';
import { method } from '../contract/define';
import type { PrintedReceipt } from '../contract/types/receipts';
import type {
  CashMove,
  RenderedShiftReport,
  ShiftPage,
  ShiftReport,
  ShiftState,
  ShiftSummary,
} from '../contract/types/shifts';
import { UUIDV7_PATTERN } from '../uuidv7';
import { cashCountSchema } from './denominations';

const noInput = z.object({}).strict();
const reportKind = z.enum(['X', 'Z']);
/** An attempt's id made by the renderer: a retry after a lost answer answers the first attempt. */
const attemptId = z.string().regex(UUIDV7_PATTERN, 'must be a UUIDv7');

/** The shift methods of the app contract (spread into core/contract/methods.ts). */
export const shiftMethods = {
  /** The open shift (or none), the currency's denominations, the cash moves so far, and the sell-needs-a-shift rule. */
  'shifts.current': method<ShiftState>()(noInput),
  /**
   * Opens a shift with the float counted into the drawer; `shiftId` (the attempt's UUIDv7) makes a retry answer the
   * shift it opened. Errors: signed_out, shift_open, invalid_count.
   */
  'shifts.open': method<ShiftSummary>()(
    z.object({ float: cashCountSchema, shiftId: attemptId.optional() }).strict(),
  ),
  /**
   * Cash put into or taken out of the drawer of the open shift, with a reason; `moveId` (the attempt's UUIDv7) makes a
   * retry answer the move it recorded, never a second one. Errors: no_open_shift.
   */
  'shifts.cashMove': method<CashMove>()(
    z
      .object({
        moveId: attemptId.optional(),
        kind: z.enum(['in', 'out']),
        amount: z.number().int('an amount is whole minor units').min(1, 'enter an amount greater than zero'),
        reason: z
          .string()
          .trim()
          .min(1, 'say why the cash moves')
          .max(120, 'the reason is at most 120 characters'),
      })
      .strict(),
  ),
  /**
   * Closes a shift with the counted drawer; answers its Z-report (numbered once: closing again answers the same one).
   * Errors: signed_out, not_found, invalid_count.
   */
  'shifts.close': method<ShiftReport>()(z.object({ shiftId: z.uuid(), counted: cashCountSchema }).strict()),
  /**
   * A shift report as PDF on the receipt roll: X (the open shift when none is named; any time, nothing recorded) or Z
   * (a closed shift's). Errors: no_open_shift, not_found, shift_not_closed.
   */
  'shifts.report': method<RenderedShiftReport>()(
    z
      .object({
        kind: reportKind,
        shiftId: z.uuid().optional(),
        paper: z.enum(['58mm', '80mm']).optional(),
      })
      .strict(),
  ),
  /** Prints a shift report on the receipt printer. Errors: no_printer, print_*, and those of `shifts.report`. */
  'shifts.print': method<PrintedReceipt>()(
    z.object({ kind: reportKind, shiftId: z.uuid().optional() }).strict(),
  ),
  /** This terminal's shifts, newest first (manager). Pass `next` as `before`. */
  'shifts.list': method<ShiftPage>()(
    z
      .object({
        before: z.number().int().min(1).nullable().default(null),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
  ),
  /** Whether a sale needs an open shift (manager). */
  'shifts.setRequireOpen': method<ShiftState>()(z.object({ requireOpenShift: z.boolean() }).strict()),
} as const;
