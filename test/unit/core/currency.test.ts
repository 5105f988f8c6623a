import { describe, expect, it } from 'vitest';
import { CURRENCY_PATTERN, currencyExponent } from '../../../core/money/currency';

describe('currency exponents and codes', () => {
  it('knows the three-, zero- and two-decimal currencies', () => {
    expect(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map(currencyExponent)).toEqual([
      3, 3, 3, 3, 3, 3, 3,
    ]);
    const zero = [
      'BIF',
      'CLP',
      'DJF',
      'GNF',
      'ISK',
      'JPY',
      'KMF',
      'KRW',
      'PYG',
      'RWF',
      'UGX',
      'UYI',
      'VND',
      'VUV',
    ];
    expect(zero.map(currencyExponent)).toEqual(zero.map(() => 0));
    expect(['XAF', 'XOF', 'XPF'].map(currencyExponent)).toEqual([0, 0, 0]);
    expect(['USD', 'EUR', 'GBP', 'ZZZ'].map(currencyExponent)).toEqual([2, 2, 2, 2]);
  });

  it('accepts exactly three upper-case letters', () => {
    expect(CURRENCY_PATTERN.test('USD')).toBe(true);
    for (const code of ['usd', 'US', 'USDD', ' USD', 'USD ', 'U5D', '']) {
      expect(CURRENCY_PATTERN.test(code), code).toBe(false);
    }
  });
});
