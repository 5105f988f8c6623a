import { z } from 'zod';
import { CURRENCY_PATTERN } from '../money/currency';
import { UUIDV7_PATTERN } from '../uuidv7';
import { expectedCash, cashDifference } from './shift-cash';

/**
 * The sync payloads of shifts (`shift.open`, `shift.close`), registered in core/sync/protocol.ts. Kept apart from the
 * protocol (which imports this file), so the primitives are declared here again.
 */

const uuidv7 = z.string().regex(UUIDV7_PATTERN, 'must be a UUIDv7');
const uuid = z.uuid();
const currency = z.string().regex(CURRENCY_PATTERN, 'must be a 3-letter ISO currency code');
const isoTime = z.iso
  .datetime({ offset: false })
  .refine((t) => /^2[01]\d\d-/.test(t), 'must be a time between the years 2000 and 2199');
const cash = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().min(0).max(1_000_000_000);
/** Signed minor units (a difference). */
const signed = z.number().int().refine(Number.isSafeInteger, 'must be a safe integer');

/** A Z-report number: the terminal's sale prefix, `-Z`, and the terminal's running count ("T7K2-Z000012"). */
export const Z_NUMBER_PATTERN = /^[A-Z0-9]{2,8}-Z[0-9]{6,12}$/;

/** Payload of `shift.open`: a terminal opened a shift with a float counted into its drawer. */
export const shiftOpenPayloadSchema = z
  .object({
    shiftId: uuidv7,
    /** The terminal's running shift number (1, 2, ...). */
    shiftNumber: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    openedAt: isoTime,
    openedBy: uuid,
    currency,
    float: cash,
    /** True when a sale opened the shift (no float counted: it starts at 0). */
    implicit: z.boolean(),
  })
  .strict();
export type ShiftOpenPayload = z.infer<typeof shiftOpenPayloadSchema>;

/** One clerk's part of a shift's Z-report. */
export const shiftClerkFiguresSchema = z
  .object({
    clerkId: uuid,
    salesCount: count,
    salesAmount: cash,
    voidCount: count,
    refundCount: count,
    refundAmount: cash,
    cashIn: cash,
    cashOut: cash,
  })
  .strict();

/**
 * Payload of `shift.close`: the Z-report's figures. The terminal is the authority for its drawer (its sales, refunds
 * and cash moves); the server stores the figures and refuses ones that do not add up.
 */
export const shiftClosePayloadSchema = z
  .object({
    shiftId: uuidv7,
    zNumber: z.string().regex(Z_NUMBER_PATTERN, 'a Z number is PREFIX-Z and 6 to 12 digits'),
    closedAt: isoTime,
    closedBy: uuid,
    currency,
    float: cash,
    salesCount: count,
    salesAmount: cash,
    voidCount: count,
    refundCount: count,
    refundAmount: cash,
    cashIn: cash,
    cashOut: cash,
    expected: signed,
    counted: cash,
    difference: signed,
    byClerk: z.array(shiftClerkFiguresSchema).max(500),
  })
  .strict()
  .superRefine((p, ctx) => {
    let expected: number;
    try {
      expected = expectedCash({
        float: p.float,
        cashSales: p.salesAmount,
        cashRefunds: p.refundAmount,
        cashIn: p.cashIn,
        cashOut: p.cashOut,
      });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['expected'], message: 'the cash figures are out of range' });
      return;
    }
    if (expected !== p.expected)
      ctx.addIssue({
        code: 'custom',
        path: ['expected'],
        message: 'expected must be float + sales - refunds + cash in - cash out',
      });
    else if (cashDifference(p.counted, p.expected) !== p.difference)
      ctx.addIssue({
        code: 'custom',
        path: ['difference'],
        message: 'difference must be counted - expected',
      });
  });
export type ShiftClosePayload = z.infer<typeof shiftClosePayloadSchema>;
