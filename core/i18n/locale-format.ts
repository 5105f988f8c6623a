import { currencyExponent } from '../money/currency';
import { toMajorString } from '../money/money';
import { plural, type PluralForms } from './plural';

/**
 * Money, counts and dates as one locale writes them, through `Intl`. Money keeps the ISO currency code (a counter may
 * sell in more than one currency) and is exact: the amount goes to `Intl` as a decimal string, never a float. Spaces
 * `Intl` puts between the code and the number are plain spaces, direction marks beside them stay (grouping spaces
 * stay non-breaking).
 */
export class LocaleFormat {
  private readonly moneyFormats = new Map<string, Intl.NumberFormat>();
  private readonly integer: Intl.NumberFormat;
  private readonly dateTimeFormat: Intl.DateTimeFormat;
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly timeFormat: Intl.DateTimeFormat;
  private readonly shortTimeFormat: Intl.DateTimeFormat;

  constructor(
    readonly locale: string,
    readonly timeZone?: string,
  ) {
    const tz = timeZone ? { timeZone } : {};
    this.integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    this.dateTimeFormat = new Intl.DateTimeFormat(locale, {
      ...tz,
      day: '2-digit',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    this.dateFormat = new Intl.DateTimeFormat(locale, {
      ...tz,
      day: '2-digit',
      month: 'short',
      year: 'numeric',
    });
    this.timeFormat = new Intl.DateTimeFormat(locale, {
      ...tz,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    this.shortTimeFormat = new Intl.DateTimeFormat(locale, { ...tz, hour: '2-digit', minute: '2-digit' });
  }

  /** `amount` minor units of `currency`: "USD 1,234.50" (en-US), "1 234,50 USD" (ru-RU). */
  money(amount: number, currency: string): string {
    let format = this.moneyFormats.get(currency);
    if (!format) {
      const digits = currencyExponent(currency);
      format = new Intl.NumberFormat(this.locale, {
        style: 'currency',
        currency,
        currencyDisplay: 'code',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      this.moneyFormats.set(currency, format);
    }
    // Intl.NumberFormat reads a decimal string exactly (no float in between).
    const parts = format.formatToParts(toMajorString(amount, currency) as `${number}`);
    // A literal may carry a direction mark beside its space (he-IL: NBSP + RLM): the mark stays, the space turns plain.
    return parts.map((p) => (p.type === 'literal' ? p.value.replace(/\s/g, ' ') : p.value)).join('');
  }

  /** A whole count with the locale's grouping: "100,000" / "100 000". */
  count(n: number): string {
    return this.integer.format(n);
  }

  /** A counted phrase: `counted(3, { one: '{n} card', other: '{n} cards' })` -> "3 cards". */
  counted(n: number, forms: PluralForms): string {
    return plural(this.locale, n, this.count(n), forms);
  }

  /** Date and time of an ISO instant: "23 Nov 2026, 14:05:09"; the input itself when it is not a date. */
  dateTime(iso: string | Date): string {
    return this.apply(this.dateTimeFormat, iso);
  }

  /** The calendar date of an instant: "23 Nov 2026". */
  date(iso: string | Date): string {
    return this.apply(this.dateFormat, iso);
  }

  /** The clock time of an instant, with seconds: "14:05:09". */
  time(iso: string | Date): string {
    return this.apply(this.timeFormat, iso);
  }

  /** The clock time of an instant, hours and minutes: "14:05". */
  shortTime(iso: string | Date): string {
    return this.apply(this.shortTimeFormat, iso);
  }

  private apply(format: Intl.DateTimeFormat, value: string | Date): string {
    const d = typeof value === 'string' ? new Date(value) : value;
    if (Number.isNaN(d.getTime())) return String(value);
    return format.format(d);
  }
}
