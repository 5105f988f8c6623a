import type { VoucherCard } from '../../../main/vouchers/voucher-sheet-types';

/** Serial of the i-th test card: `101-0000001X` style (prefix, 7 digits, check letter). */
export function testSerial(i: number, prefix = '101'): string {
  return `${prefix}-${String(i).padStart(7, '0')}${String.fromCharCode(65 + (i % 26))}`;
}

/** A deterministic PIN of `length` digits for the i-th card; never a substring of its serial. */
export function testPin(i: number, length = 12): string {
  let pin = String(9 - (i % 9)); // leading digit 1-9
  let x = (i * 2654435761 + 12345) >>> 0;
  while (pin.length < length) {
    x = (x * 1103515245 + 12345) >>> 0;
    pin += String(x % 10);
  }
  return pin;
}

/** `n` valid cards, generated lazily (the memory test renders 100,000 without holding them). */
export function* testCards(
  n: number,
  opts: { pinLength?: number; amount?: number; currency?: string } = {},
): Generator<VoucherCard> {
  for (let i = 1; i <= n; i++) {
    yield {
      serial: testSerial(i),
      pin: testPin(i, opts.pinLength ?? 12),
      amount: opts.amount ?? 1000 + (i % 3) * 500,
      currency: opts.currency ?? 'USD',
      expiresAt: '2027-11-30T23:59:59Z',
    };
  }
}
