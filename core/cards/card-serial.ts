/**
 * Card serials: `<series>-<number><check digit>`, e.g. series `101`, number `2342342` gives `101-23423423`.
 * The serial is public (barcoded); the Luhn check digit over the series and number digits catches a mistyped digit
 * and most swaps of neighbours before any lookup.
 */

/** Digits of the number part before its check digit (so a series holds up to 9,999,999 cards). */
export const SERIAL_NUMBER_DIGITS = 7;
/** The largest number a series prefix can reach. */
export const MAX_SERIAL_NUMBER = 10 ** SERIAL_NUMBER_DIGITS - 1;
/** A series prefix: 1 to 6 digits, not starting with 0 (so it reads the same with or without padding). */
export const SERIES_PREFIX_PATTERN = /^[1-9][0-9]{0,5}$/;
const SERIAL_PATTERN = /^([1-9][0-9]{0,5})-([0-9]{7})([0-9])$/;

/** The Luhn check digit for a string of decimal digits. */
export function luhnCheckDigit(digits: string): number {
  if (!/^[0-9]+$/.test(digits)) throw new RangeError('luhnCheckDigit takes decimal digits only');
  let sum = 0;
  // From the rightmost digit, which sits next to the check digit and is doubled.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when a series prefix is well formed. */
export function isSeriesPrefix(prefix: string): boolean {
  return SERIES_PREFIX_PATTERN.test(prefix);
}

/** The serial of card `number` in series `prefix`. */
export function formatSerial(prefix: string, number: number): string {
  if (!isSeriesPrefix(prefix)) throw new RangeError(`not a series prefix: ${prefix}`);
  if (!Number.isInteger(number) || number < 0 || number > MAX_SERIAL_NUMBER)
    throw new RangeError(`serial number out of range: ${number}`);
  const body = String(number).padStart(SERIAL_NUMBER_DIGITS, '0');
  return `${prefix}-${body}${luhnCheckDigit(prefix + body)}`;
}

/** A serial taken apart, or null when it is malformed or its check digit is wrong. */
export function parseSerial(serial: string): { prefix: string; number: number } | null {
  const m = SERIAL_PATTERN.exec(serial.trim());
  if (!m) return null;
  const [, prefix, body, check] = m as unknown as [string, string, string, string];
  if (luhnCheckDigit(prefix + body) !== Number(check)) return null;
  return { prefix, number: Number(body) };
}

/** True when `serial` is well formed and its check digit matches. */
export function isValidSerial(serial: string): boolean {
  return parseSerial(serial) !== null;
}
