import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cashCountSchema,
  countTotal,
  countedPieces,
  denominationsOf,
  maxCashAmount,
  type CashCount,
} from '../../../../core/shifts/denominations';
import { AppError } from '../../../../core/app-error';

/** The AppError `fn` throws, as code and message. */
function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A count that names the same denomination twice. */
const COUNTED_TWICE: CashCount = {
  kind: 'denominations',
  pieces: [
    { value: 100, count: 1 },
    { value: 100, count: 2 },
  ],
};

describe('denomination count', () => {
  it('totals pieces by denomination in minor units', () => {
    expect(
      countTotal(
        {
          kind: 'denominations',
          pieces: [
            { value: 2_000, count: 3 },
            { value: 500, count: 1 },
            { value: 25, count: 4 },
            { value: 1, count: 7 },
          ],
        },
        'USD',
      ),
    ).toBe(6_607);
    expect(countTotal({ kind: 'total', total: 12_345 }, 'USD')).toBe(12_345);
  });

  it('refuses a note the currency does not have, a denomination twice, and a figure no drawer holds', () => {
    expect(() => countTotal({ kind: 'denominations', pieces: [{ value: 300, count: 1 }] }, 'USD')).toThrow(
      /no note or coin/,
    );
    expect(() => countTotal(COUNTED_TWICE, 'USD')).toThrow(/counted once/);
    expect(() => countTotal({ kind: 'total', total: maxCashAmount('USD') + 1 }, 'USD')).toThrow(/too large/);
    // A currency without a denomination list is counted by total only.
    expect(denominationsOf('XYZ')).toEqual([]);
    expect(() => countTotal({ kind: 'denominations', pieces: [{ value: 100, count: 1 }] }, 'XYZ')).toThrow();
  });

  it('the schema refuses negative counts, fractions and negative totals', () => {
    expect(cashCountSchema.safeParse({ kind: 'total', total: -1 }).success).toBe(false);
    expect(cashCountSchema.safeParse({ kind: 'total', total: 1.5 }).success).toBe(false);
    expect(
      cashCountSchema.safeParse({ kind: 'denominations', pieces: [{ value: 100, count: -1 }] }).success,
    ).toBe(false);
    expect(
      cashCountSchema.safeParse({ kind: 'denominations', pieces: [{ value: 100, count: 0.5 }] }).success,
    ).toBe(false);
  });

  it('the total is the sum of value x count over any valid count (property)', () => {
    const usd = denominationsOf('USD');
    fc.assert(
      fc.property(
        fc.subarray([...usd], { minLength: 0 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: usd.length, maxLength: usd.length }),
        (values, counts) => {
          const pieces = values.map((value, i) => ({ value, count: counts[i]! }));
          const total = countTotal({ kind: 'denominations', pieces }, 'USD');
          expect(total).toBe(pieces.reduce((s, p) => s + p.value * p.count, 0));
          expect(countedPieces({ kind: 'denominations', pieces }).every((p) => p.count > 0)).toBe(true);
        },
      ),
    );
  });

  it('refuses with the code invalid_count', () => {
    expect(
      refusal(() => countTotal({ kind: 'denominations', pieces: [{ value: 300, count: 1 }] }, 'USD')),
    ).toEqual({
      code: 'invalid_count',
      message: 'USD has no note or coin of 300 minor units.',
    });
    expect(refusal(() => countTotal(COUNTED_TWICE, 'USD'))).toEqual({
      code: 'invalid_count',
      message: 'Each note or coin is counted once.',
    });
    const tooLarge = {
      code: 'invalid_count',
      message: 'That cash figure is too large for a drawer: check the count.',
    };
    expect(refusal(() => countTotal({ kind: 'total', total: maxCashAmount('USD') + 1 }, 'USD'))).toEqual(
      tooLarge,
    );
  });

  it('accepts a total of exactly the largest drawer figure and refuses negative or fractional totals', () => {
    const max = maxCashAmount('USD');
    expect(max).toBe(1_000_000_000);
    expect(countTotal({ kind: 'total', total: max }, 'USD')).toBe(max);
    expect(countTotal({ kind: 'total', total: 0 }, 'USD')).toBe(0);
    // countTotal is also reached without the schema: it refuses what the schema would have.
    for (const total of [-1, 1.5, Number.NaN]) {
      expect(refusal(() => countTotal({ kind: 'total', total }, 'USD')).code).toBe('invalid_count');
    }
  });

  it('lists the counted pieces largest first, without the zero counts', () => {
    expect(
      countedPieces({
        kind: 'denominations',
        pieces: [
          { value: 25, count: 2 },
          { value: 1, count: 0 },
          { value: 10_000, count: 1 },
          { value: 5, count: 3 },
          { value: 500, count: 0 },
          { value: 100, count: 4 },
        ],
      }),
    ).toEqual([
      { value: 10_000, count: 1 },
      { value: 100, count: 4 },
      { value: 25, count: 2 },
      { value: 5, count: 3 },
    ]);
    expect(countedPieces({ kind: 'total', total: 500 })).toEqual([]);
  });
});
