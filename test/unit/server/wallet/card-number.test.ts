import { describe, expect, it } from 'vitest';
import { cardBrand, cardDigits, cardUnexpired, luhnValid } from '../../../../core/wallet/card-number';

describe('card number checks', () => {
  it('passes the sandbox test cards through Luhn and refuses a changed digit', () => {
    for (const n of [
      '4242424242424242',
      '5555555555554444',
      '4000000000000002',
      '4000000000009995',
      '4000000000000119',
    ])
      expect(luhnValid(n)).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
  });

  it('keeps digits only, with spaces or dashes, 12 to 19 of them', () => {
    expect(cardDigits('4242 4242-4242 4242')).toBe('4242424242424242');
    expect(cardDigits('4242x4242')).toBeNull();
    expect(cardDigits('42424242424')).toBeNull();
  });

  it('names brands and knows expiry at the end of the month (UTC)', () => {
    expect(cardBrand('4242424242424242')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2221000000000009')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('unknown');
    expect(cardUnexpired(11, 2026, Date.UTC(2026, 10, 30, 23, 59))).toBe(true);
    expect(cardUnexpired(11, 2026, Date.UTC(2026, 11, 1))).toBe(false);
  });
});

describe('card number edges', () => {
  it('refuses anything but digits before or after the 12 to 19 digits, and more than 19 digits', () => {
    expect(cardDigits('x424242424242')).toBeNull();
    expect(cardDigits('424242424242x')).toBeNull();
    expect(cardDigits('4'.repeat(20))).toBeNull();
    expect(cardDigits('4'.repeat(19))).toBe('4'.repeat(19));
    expect(cardDigits('4'.repeat(12))).toBe('4'.repeat(12));
  });

  it('knows Mastercard by 51-55 and 2221-2720, Amex by 34 and 37', () => {
    expect(cardBrand('5100000000000000')).toBe('mastercard');
    expect(cardBrand('5500000000000000')).toBe('mastercard');
    expect(cardBrand('5000000000000000')).toBe('unknown');
    expect(cardBrand('5600000000000000')).toBe('unknown');
    expect(cardBrand('2221000000000000')).toBe('mastercard');
    expect(cardBrand('2720990000000000')).toBe('mastercard');
    expect(cardBrand('2220990000000000')).toBe('unknown');
    expect(cardBrand('2721000000000000')).toBe('unknown');
    expect(cardBrand('340000000000000')).toBe('amex');
    expect(cardBrand('370000000000000')).toBe('amex');
    expect(cardBrand('360000000000000')).toBe('unknown');
  });
});
