import { currencyExponent } from './currency';

/**
 * Money is an integer count of minor units plus an ISO currency. Never a float.
 * All arithmetic here refuses non-integers and amounts beyond Number.MAX_SAFE_INTEGER.
 */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Throws unless `n` is a safe integer: the guard every money operation runs. */
export function assertMinorUnits(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer amount of minor units: ${n}`);
  return n;
}

/** Builds a Money value, checking the amount is integer minor units. */
export function money(amount: number, currency: string): Money {
  return { amount: assertMinorUnits(amount), currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

/** a + b, same currency. */
export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

/** a - b, same currency. */
export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** a * an integer factor (quantities). */
export function multiply(a: Money, factor: number): Money {
  return money(assertMinorUnits(a.amount) * assertMinorUnits(factor), a.currency);
}

/** Sum of many amounts in one currency; zero of `currency` when empty. */
export function sum(items: readonly Money[], currency: string): Money {
  return items.reduce((acc, m) => add(acc, m), money(0, currency));
}

/** Change due when `tendered` pays `due`; negative means the customer has not paid enough. */
export function changeDue(due: Money, tendered: Money): Money {
  return subtract(tendered, due);
}

/**
 * Parses what a clerk typed ("12", "12.5", "12.50", "1,234.5") into minor units, exactly, with no float math.
 * Returns null when the text is not a valid amount for the currency (too many decimals, letters, empty).
 */
export function parseMajor(text: string, currency: string): number | null {
  const exp = currencyExponent(currency);
  const cleaned = text.trim().replace(/[,\s]/g, '');
  const m = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) return null;
  const whole = m[1]!;
  const frac = m[2] ?? '';
  if (frac.length > exp) return null;
  const digits = whole + frac.padEnd(exp, '0');
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

/** Formats minor units as a plain decimal string in major units ("1234.50"), exact. */
export function toMajorString(amount: number, currency: string): string {
  assertMinorUnits(amount);
  const exp = currencyExponent(currency);
  const neg = amount < 0;
  const digits = Math.abs(amount)
    .toString()
    .padStart(exp + 1, '0');
  const whole = exp === 0 ? digits : digits.slice(0, -exp);
  const frac = exp === 0 ? '' : `.${digits.slice(-exp)}`;
  return `${neg ? '-' : ''}${whole}${frac}`;
}

/** Human display with grouping and the currency code ("USD 1,234.50"). Locale-neutral and exact. */
export function formatMoney(m: Money): string {
  const plain = toMajorString(m.amount, m.currency);
  const neg = plain.startsWith('-');
  const [whole, frac] = (neg ? plain.slice(1) : plain).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${m.currency} ${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}
