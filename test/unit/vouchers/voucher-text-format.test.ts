import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupPin, minorUnitsToDecimal, VoucherTextFormat } from '../../../main/vouchers/voucher-text-format';

describe('groupPin', () => {
  it('groups in fours from the left', () => {
    expect(groupPin('123456789012')).toBe('1234 5678 9012');
    expect(groupPin('12345')).toBe('1234 5');
    expect(groupPin('12345678901234567890')).toBe('1234 5678 9012 3456 7890');
  });

  it('keeps every digit in order, groups of at most four', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5,20}$/), (pin) => {
        const grouped = groupPin(pin);
        expect(grouped.replaceAll(' ', '')).toBe(pin);
        for (const group of grouped.split(' ')) expect(group.length).toBeLessThanOrEqual(4);
      }),
    );
  });
});

describe('money and dates', () => {
  it('builds the decimal from the integer exactly', () => {
    expect(minorUnitsToDecimal(1050, 2)).toBe('10.50');
    expect(minorUnitsToDecimal(5, 2)).toBe('0.05');
    expect(minorUnitsToDecimal(1000, 0)).toBe('1000');
    expect(minorUnitsToDecimal(1234, 3)).toBe('1.234');
    expect(minorUnitsToDecimal(Number.MAX_SAFE_INTEGER, 2)).toBe('90071992547409.91');
  });

  it('formats minor units with the currency and locale', () => {
    const us = new VoucherTextFormat('en-US', 'UTC');
    expect(us.amount(1000, 'USD')).toBe('$10.00');
    expect(us.amount(1000, 'JPY')).toBe('¥1,000');
    expect(us.amount(1234, 'BHD')).toBe('BHD\u00a01.234');
    expect(us.amount(1, 'USD')).toBe('$0.01');
    const de = new VoucherTextFormat('de-DE', 'Europe/Berlin');
    expect(de.amount(123456, 'EUR')).toBe('1.234,56\u00a0€');
  });

  it('prints the expiry as a date in the batch time zone', () => {
    expect(new VoucherTextFormat('en-US', 'UTC').expiry('2027-11-30T23:59:59Z')).toBe('Nov 30, 2027');
    expect(new VoucherTextFormat('en-US', 'Asia/Tokyo').expiry('2027-11-30T23:59:59Z')).toBe('Dec 1, 2027');
  });
});
