import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashDifference, differenceLabel, expectedCash } from '../../../../core/shifts/shift-cash';
import { shiftFigures, type ShiftCashMoveFact } from '../../../../core/shifts/shift-figures';
import type { LocalSaleStatus } from '../../../../core/contract/types/sales';
import { shiftClosePayloadSchema } from '../../../../core/shifts/shift-schemas';

const amount = fc.integer({ min: 0, max: 1_000_000_00 });
const clerk = fc.constantFrom(
  '018f0000-0000-7000-8000-000000000001',
  '018f0000-0000-7000-8000-000000000002',
  '018f0000-0000-7000-8000-000000000003',
);
const status = fc.constantFrom<LocalSaleStatus>(
  'pending',
  'queued',
  'confirmed',
  'reversed',
  'in_doubt',
  'confirmed_after_refusal',
);

/** A shift.close payload whose figures add up (float 10,000 + sales 2,000 - refunds 1,000 - cash out 500). */
const CLOSE_PAYLOAD = {
  shiftId: '018f0000-0000-7000-8000-0000000000aa',
  zNumber: 'T7K2-Z000001',
  closedAt: '2026-11-30T10:00:00.000Z',
  closedBy: '018f0000-0000-7000-8000-000000000001',
  currency: 'USD',
  float: 10_000,
  salesCount: 2,
  salesAmount: 2_000,
  voidCount: 0,
  refundCount: 1,
  refundAmount: 1_000,
  cashIn: 0,
  cashOut: 500,
  expected: 10_500,
  counted: 10_400,
  difference: -100,
  byClerk: [],
};

describe('expected cash', () => {
  it('is float + cash sales - cash refunds + cash in - cash out', () => {
    expect(
      expectedCash({ float: 10_000, cashSales: 2_500, cashRefunds: 500, cashIn: 1_000, cashOut: 3_000 }),
    ).toBe(10_000);
    expect(expectedCash({ float: 0, cashSales: 0, cashRefunds: 1_000, cashIn: 0, cashOut: 0 })).toBe(-1_000);
  });

  it('refuses fractions and negative flows', () => {
    expect(() => expectedCash({ float: 1.5, cashSales: 0, cashRefunds: 0, cashIn: 0, cashOut: 0 })).toThrow();
    expect(() => expectedCash({ float: 0, cashSales: -1, cashRefunds: 0, cashIn: 0, cashOut: 0 })).toThrow();
  });

  it('difference is counted - expected, labelled over, short or balanced', () => {
    expect(cashDifference(9_500, 10_000)).toBe(-500);
    expect(differenceLabel(-500)).toBe('short');
    expect(differenceLabel(1)).toBe('over');
    expect(differenceLabel(0)).toBe('balanced');
  });

  it('shift figures: the drawer equals the float plus what each clerk took in, less what left (property)', () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.record({ status, retailAmount: fc.integer({ min: 1, max: 500_00 }), clerkId: clerk })),
        fc.array(fc.record({ cashBack: fc.integer({ min: 1, max: 500_00 }), clerkId: clerk })),
        fc.array(
          fc.record({
            kind: fc.constantFrom<ShiftCashMoveFact['kind']>('in', 'out'),
            amount: fc.integer({ min: 1, max: 1_000_00 }),
            clerkId: clerk,
          }),
        ),
        (float, sales, refunds, moves) => {
          const f = shiftFigures({ float, sales, refunds, moves });
          const sold = sales.filter((s) => s.status !== 'reversed' && s.status !== 'in_doubt');
          const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          const cashSales = sum(sold.map((s) => s.retailAmount));
          const cashRefunds = sum(refunds.map((r) => r.cashBack));
          const cashIn = sum(moves.filter((m) => m.kind === 'in').map((m) => m.amount));
          const cashOut = sum(moves.filter((m) => m.kind === 'out').map((m) => m.amount));
          expect(f.expected).toBe(float + cashSales - cashRefunds + cashIn - cashOut);
          expect(f.salesCount).toBe(sold.length);
          expect(f.voidCount).toBe(sales.length - sold.length);
          // The by-clerk rows add up to the totals.
          expect(sum(f.byClerk.map((c) => c.salesAmount))).toBe(f.salesAmount);
          expect(sum(f.byClerk.map((c) => c.salesCount + c.voidCount))).toBe(sales.length);
          expect(sum(f.byClerk.map((c) => c.refundAmount))).toBe(f.refundAmount);
          expect(sum(f.byClerk.map((c) => c.cashIn - c.cashOut))).toBe(cashIn - cashOut);
          expect(
            f.float + sum(f.byClerk.map((c) => c.salesAmount - c.refundAmount + c.cashIn - c.cashOut)),
          ).toBe(f.expected);
        },
      ),
    );
  });

  it('the shift.close payload must add up: expected and difference are checked', () => {
    const base = CLOSE_PAYLOAD;
    expect(shiftClosePayloadSchema.safeParse(base).success).toBe(true);
    expect(shiftClosePayloadSchema.safeParse({ ...base, expected: 10_400, difference: 0 }).success).toBe(
      false,
    );
    expect(shiftClosePayloadSchema.safeParse({ ...base, difference: 100 }).success).toBe(false);
    expect(shiftClosePayloadSchema.safeParse({ ...base, counted: -1 }).success).toBe(false);
  });

  it('says which flow rule was broken when a flow is negative', () => {
    expect(() => expectedCash({ float: 0, cashSales: 0, cashRefunds: -1, cashIn: 0, cashOut: 0 })).toThrow(
      new RangeError('a cash flow is not negative'),
    );
  });

  it("shift figures count each refund once, in the totals and in its clerk's row", () => {
    const a = '018f0000-0000-7000-8000-000000000001';
    const b = '018f0000-0000-7000-8000-000000000002';
    const f = shiftFigures({
      float: 0,
      sales: [],
      refunds: [
        { cashBack: 300, clerkId: a },
        { cashBack: 200, clerkId: a },
        { cashBack: 100, clerkId: b },
      ],
      moves: [],
    });
    expect(f.refundCount).toBe(3);
    expect(f.refundAmount).toBe(600);
    expect(f.byClerk.map((c) => [c.clerkId, c.refundCount, c.refundAmount])).toEqual([
      [a, 2, 500],
      [b, 1, 100],
    ]);
  });
});

describe('shift.close payload issues', () => {
  const base = CLOSE_PAYLOAD;
  const issues = (payload: unknown) =>
    (shiftClosePayloadSchema.safeParse(payload).error?.issues ?? []).map((i) => ({
      path: i.path,
      message: i.message,
    }));

  it('points a wrong expected figure at expected, and a wrong difference at difference', () => {
    expect(issues(base)).toEqual([]);
    expect(issues({ ...base, expected: 10_400, difference: 0 })).toEqual([
      { path: ['expected'], message: 'expected must be float + sales - refunds + cash in - cash out' },
    ]);
    expect(issues({ ...base, difference: 100 })).toEqual([
      { path: ['difference'], message: 'difference must be counted - expected' },
    ]);
  });

  it('reports cash figures whose sum leaves the safe integer range on expected', () => {
    expect(
      issues({ ...base, float: Number.MAX_SAFE_INTEGER, salesAmount: 1, refundAmount: 0, cashOut: 0 }),
    ).toEqual([{ path: ['expected'], message: 'the cash figures are out of range' }]);
  });

  it('refuses a close time outside the years 2000 to 2199, also when the text is no datetime at all', () => {
    const years = 'must be a time between the years 2000 and 2199';
    expect(issues({ ...base, closedAt: '1999-12-31T23:59:59.000Z' })).toEqual([
      { path: ['closedAt'], message: years },
    ]);
    // Not a datetime (a stray character in front): both the format and the year rule report it.
    const messages = issues({ ...base, closedAt: 'x2026-11-30T10:00:00.000Z' }).map((i) => i.message);
    expect(messages).toContain(years);
    expect(messages).toHaveLength(2);
  });
});
