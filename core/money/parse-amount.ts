import { currencyExponent } from './currency';

/** The decimal and grouping separators of a locale, as Intl writes numbers there. */
export interface NumberSeparators {
  readonly decimal: string;
  /** The grouping separator; any kind of space is written as a plain space. */
  readonly group: string;
}

const SPACES = /[\s\u00a0\u202f]/g;

/** The separators `Intl` uses for `locale` ("en-US": "." and ","; "de-DE": "," and "."; "fr-FR": "," and " "). */
export function numberSeparators(locale: string | undefined): NumberSeparators {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(12345.6);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = (parts.find((p) => p.type === 'group')?.value ?? ',').replace(SPACES, ' ');
  return { decimal, group };
}

/** Why typed text is not an amount: not a number, readable two ways, more decimals than the currency has, too big. */
export type AmountProblem = 'invalid' | 'ambiguous' | 'too_many_decimals' | 'too_large';

/** An amount in minor units, or why the text is not one. */
export type ParsedAmount =
  { readonly ok: true; readonly amount: number } | { readonly ok: false; readonly problem: AmountProblem };

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Parses an amount a clerk typed ("10,50" in Germany, "10.50" in the US, "1 234,5" in France) into minor units,
 * exactly, by the locale's decimal separator. Grouping is accepted only in whole groups of three ("1,234.50"); any
 * other use of "." or "," could mean two amounts ("10,50" on a US till: 10.50 or 1050?) and is refused as ambiguous
 * rather than guessed.
 */
export function parseAmount(text: string, currency: string, locale: string | undefined): ParsedAmount {
  const { decimal, group } = numberSeparators(locale);
  const exp = currencyExponent(currency);
  const trimmed = text.trim().replace(SPACES, ' ');
  if (trimmed === '') return { ok: false, problem: 'invalid' };
  // Only digits and the two punctuation marks people use in amounts, plus spaces between groups.
  if (!/^[0-9., ]+$/.test(trimmed) || !/[0-9]/.test(trimmed)) return { ok: false, problem: 'invalid' };
  const decParts = trimmed.split(decimal);
  if (decParts.length > 2) return { ok: false, problem: 'ambiguous' };
  const whole = decParts[0]!;
  const frac = decParts[1] ?? '';
  // A separator that is neither this locale's decimal nor its grouping ("." on a French till) could be either.
  const foreign = ['.', ','].filter((c) => c !== decimal && c !== group);
  if (foreign.some((c) => trimmed.includes(c))) return { ok: false, problem: 'ambiguous' };
  if (!/^[0-9]*$/.test(frac)) return { ok: false, problem: 'ambiguous' };
  let wholeDigits = whole;
  const grouped = whole.includes(group) || (group !== ' ' && whole.includes(' '));
  if (grouped) {
    const g = group === ' ' ? ' ' : `(?:${escape(group)}| )`;
    if (!new RegExp(`^[0-9]{1,3}(?:${g}[0-9]{3})+$`).test(whole)) return { ok: false, problem: 'ambiguous' };
    wholeDigits = whole.replace(new RegExp(g, 'g'), '');
  }
  if (!/^[0-9]*$/.test(wholeDigits)) return { ok: false, problem: 'invalid' };
  if (wholeDigits === '' && frac === '') return { ok: false, problem: 'invalid' };
  if (frac.length > exp) return { ok: false, problem: 'too_many_decimals' };
  const amount = Number((wholeDigits || '0') + frac.padEnd(exp, '0'));
  if (!Number.isSafeInteger(amount)) return { ok: false, problem: 'too_large' };
  return { ok: true, amount };
}
