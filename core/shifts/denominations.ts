import { z } from 'zod';
import { AppError } from '../app-error';
import { currencyExponent } from '../money/currency';
import { assertMinorUnits } from '../money/money';

/**
 * The notes and coins of a currency, largest first, in minor units: what a clerk counts a drawer by. Currencies not
 * listed are counted by total only (their drawer is entered as one figure).
 */
const DENOMINATIONS: Readonly<Record<string, readonly number[]>> = {
  USD: [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 25, 10, 5, 1],
  EUR: [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  GBP: [5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  CHF: [100_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5],
  CAD: [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 25, 10, 5],
  AUD: [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5],
  INR: [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100],
  JPY: [10_000, 5_000, 2_000, 1_000, 500, 100, 50, 10, 5, 1],
  NGN: [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500],
  KES: [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 100],
  ZAR: [20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10],
};

/** Most pieces of one denomination a count accepts (a drawer holds far fewer; more is a typing slip). */
export const MAX_PIECES = 100_000;

/** The largest cash figure a drawer count or float accepts, in major units of any currency (a typing-slip guard). */
const MAX_MAJOR_UNITS = 10_000_000;

/** The denominations of `currency`, largest first (empty: count by total only). */
export function denominationsOf(currency: string): readonly number[] {
  return DENOMINATIONS[currency] ?? [];
}

/** The largest cash figure (minor units) a count or float may have in `currency`. */
export function maxCashAmount(currency: string): number {
  return MAX_MAJOR_UNITS * 10 ** currencyExponent(currency);
}

/** A cash count as a clerk enters it: pieces per denomination, or one total. */
export const cashCountSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('total'),
      total: z.number().int('a cash amount is whole minor units').min(0, 'a cash amount is not negative'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('denominations'),
      pieces: z
        .array(
          z
            .object({
              value: z.number().int().min(1, 'a denomination is at least 1'),
              count: z
                .number()
                .int('count whole pieces')
                .min(0, 'a count is not negative')
                .max(MAX_PIECES, `at most ${MAX_PIECES} pieces of one denomination`),
            })
            .strict(),
        )
        .max(40),
    })
    .strict(),
]);
export type CashCount = z.infer<typeof cashCountSchema>;

/**
 * The total of a cash count in minor units. Refuses (AppError `invalid_count`) a denomination the currency does not
 * have, one listed twice, and a total beyond `maxCashAmount`: bad input changes nothing.
 */
export function countTotal(count: CashCount, currency: string): number {
  let total: number;
  if (count.kind === 'total') total = count.total;
  else {
    const allowed = new Set(denominationsOf(currency));
    const seen = new Set<number>();
    total = 0;
    for (const p of count.pieces) {
      if (!allowed.has(p.value))
        throw new AppError('invalid_count', `${currency} has no note or coin of ${p.value} minor units.`);
      if (seen.has(p.value)) throw new AppError('invalid_count', 'Each note or coin is counted once.');
      seen.add(p.value);
      total = assertMinorUnits(total + p.value * p.count);
    }
  }
  if (!Number.isSafeInteger(total) || total < 0 || total > maxCashAmount(currency))
    throw new AppError('invalid_count', 'That cash figure is too large for a drawer: check the count.');
  return total;
}

/** The pieces of a count that are not zero, largest first (what a report prints). */
export function countedPieces(count: CashCount): { value: number; count: number }[] {
  if (count.kind === 'total') return [];
  return count.pieces.filter((p) => p.count > 0).sort((a, b) => b.value - a.value);
}
