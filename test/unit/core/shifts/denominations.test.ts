import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cashCountSchema,
  countTotal,
  countedPieces,
  denominationsOf,
  maxCashAmount,
} from '../../../../core/shifts/denominations';

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
    expect(() =>
      countTotal(
        {
          kind: 'denominations',
          pieces: [
            { value: 100, count: 1 },
            { value: 100, count: 2 },
          ],
        },
        'USD',
      ),
    ).toThrow(/counted once/);
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
});
