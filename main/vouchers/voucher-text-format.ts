/** Groups a PIN in fours for reading aloud and typing: `123456789012` -> `1234 5678 9012`. */
export function groupPin(pin: string): string {
  return pin.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * Formats money and dates for one sheet, with the locale and time zone chosen for the batch. Formatters are built
 * once per currency and results are cached per distinct value (a batch usually has one amount and one expiry).
 */
export class VoucherTextFormat {
  private readonly money = new Map<string, Intl.NumberFormat>();
  private readonly moneyCache = new Map<string, string>();
  private readonly dateCache = new Map<string, string>();
  private readonly date: Intl.DateTimeFormat;

  constructor(
    private readonly locale = 'en-US',
    timeZone = 'UTC',
  ) {
    this.date = new Intl.DateTimeFormat(locale, {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    });
  }

  /**
   * `amount` minor units of `currency` as the locale writes it (`$10.00`, `1.000 ¥`). The decimal is built as a
   * string from the integer, so no float rounding can creep in.
   */
  amount(amount: number, currency: string): string {
    const key = `${currency}:${amount}`;
    const cached = this.moneyCache.get(key);
    if (cached !== undefined) return cached;
    let format = this.money.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(this.locale, { style: 'currency', currency });
      this.money.set(currency, format);
    }
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    const text = format.format(minorUnitsToDecimal(amount, digits));
    if (this.moneyCache.size > 1000) this.moneyCache.clear();
    this.moneyCache.set(key, text);
    return text;
  }

  /** The local calendar date of an ISO UTC instant (`Nov 30, 2027`). */
  expiry(iso: string): string {
    const cached = this.dateCache.get(iso);
    if (cached !== undefined) return cached;
    const text = this.date.format(new Date(iso));
    if (this.dateCache.size > 1000) this.dateCache.clear();
    this.dateCache.set(iso, text);
    return text;
  }
}

/** `1050` with 2 digits -> `"10.50"`: an exact decimal string Intl.NumberFormat formats without float error. */
export function minorUnitsToDecimal(amount: number, digits: number): `${number}` {
  const negative = amount < 0;
  const s = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = digits === 0 ? s : s.slice(0, s.length - digits);
  const fraction = digits === 0 ? '' : `.${s.slice(s.length - digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}` as `${number}`;
}
