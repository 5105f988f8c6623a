import { assertMinorUnits, toMajorString } from '../money/money';
import { numberSeparators } from '../money/parse-amount';
import { currencyExponent } from '../money/currency';

/** Most round amounts offered beside "Exact". */
export const MAX_ROUND_TENDERS = 3;

/**
 * The amounts a clerk can tap as cash tendered for a total: the exact total first, then the next round amounts a
 * customer hands over (the total rounded up to 1, 5, 10, 20, 50 and 100 units of the currency; for currencies
 * without decimals such as JPY, to 100, 500, 1,000, 5,000 and 10,000), distinct and above the total, at most
 * {@link MAX_ROUND_TENDERS} of them. All in minor units.
 */
export function quickTenders(total: number, currency: string): number[] {
  assertMinorUnits(total);
  if (total <= 0) return [];
  const exp = currencyExponent(currency);
  const unit = 10 ** exp;
  const steps = exp === 0 ? [100, 500, 1_000, 5_000, 10_000] : [1, 5, 10, 20, 50, 100].map((n) => n * unit);
  const out = [total];
  for (const step of steps) {
    const up = Math.ceil(total / step) * step;
    if (up > total && !out.includes(up) && Number.isSafeInteger(up)) out.push(up);
    if (out.length > MAX_ROUND_TENDERS) break;
  }
  return out;
}

/**
 * An amount in minor units as a clerk would type it in `locale` (its decimal separator, no grouping), so the
 * tendered field's parser reads back exactly the same amount.
 */
export function tenderText(amount: number, currency: string, locale: string | undefined): string {
  return toMajorString(amount, currency).replace('.', numberSeparators(locale).decimal);
}
