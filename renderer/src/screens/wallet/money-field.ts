import type { Localization } from '../../../../core/i18n/catalog';
import { currencyExponent } from '../../../../core/money/currency';
import { parseAmount } from '../../../../core/money/parse-amount';
import { tenderText } from '../../../../core/sales/quick-tender';

/** A money input's text for minor units in the locale's decimal separator ("12.50", "12,50"), empty for none. */
export function moneyFieldText(minor: number | null | undefined, currency: string, locale: string): string {
  if (minor === null || minor === undefined) return '';
  return tenderText(minor, currency, locale);
}

/**
 * Minor units from a money input, read by the locale's decimal separator ("10,50" is 10.50 on a Russian till and
 * refused as ambiguous on an American one), or an error sentence naming the field.
 */
export function parseMoneyField(
  text: string,
  currency: string,
  label: string,
  { m, fmt }: Pick<Localization, 'm' | 'fmt'>,
  opts: { readonly allowZero?: boolean } = {},
): { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string } {
  const t = m.wallet.field;
  const example = moneyFieldText(25 * 10 ** currencyExponent(currency), currency, fmt.locale);
  const parsed = parseAmount(text, currency, fmt.locale);
  if (!parsed.ok) {
    if (parsed.problem === 'ambiguous') return { ok: false, error: t.ambiguous({ label, example }) };
    if (parsed.problem === 'too_many_decimals')
      return { ok: false, error: t.tooManyDecimals({ label, example }) };
    return { ok: false, error: t.notAmount({ label, example }) };
  }
  if (parsed.amount === 0 && !opts.allowZero) return { ok: false, error: t.notZero({ label }) };
  return { ok: true, value: parsed.amount };
}
