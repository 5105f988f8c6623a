import { parseMajor, toMajorString } from '../../../../core/money/money';

/** A money input's text for minor units ("12.50"), empty for none. */
export function moneyFieldText(minor: number | null | undefined, currency: string): string {
  return minor === null || minor === undefined ? '' : toMajorString(minor, currency);
}

/** Minor units from a money input, or an error sentence naming the field. */
export function parseMoneyField(
  text: string,
  currency: string,
  label: string,
  opts: { readonly allowZero?: boolean } = {},
): { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string } {
  const value = parseMajor(text, currency);
  if (value === null) return { ok: false, error: `${label}: type an amount like 25.00.` };
  if (value === 0 && !opts.allowZero) return { ok: false, error: `${label} must be more than zero.` };
  return { ok: true, value };
}
