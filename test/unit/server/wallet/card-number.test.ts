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
