import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent } from '../../../core/money/currency';
import {
  add,
  changeDue,
  formatMoney,
  money,
  multiply,
  parseMajor,
  subtract,
  sum,
  toMajorString,
} from '../../../core/money/money';

describe('money in minor units', () => {
  it('knows the exponents of 0-, 2- and 3-decimal currencies', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
  });

  it('refuses floats and unsafe integers', () => {
    expect(() => money(1.5, 'USD')).toThrow(RangeError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 2, 'USD')).toThrow(RangeError);
    expect(() => multiply(money(100, 'USD'), 1.5)).toThrow(RangeError);
  });

  it('refuses to mix currencies', () => {
    expect(() => add(money(1, 'USD'), money(1, 'EUR'))).toThrow(/currency mismatch: USD vs EUR/);
    expect(() => subtract(money(1, 'USD'), money(1, 'EUR'))).toThrow(/currency mismatch/);
    expect(() => changeDue(money(1, 'USD'), money(5, 'EUR'))).toThrow(/currency mismatch/);
    expect(() => sum([money(1, 'USD'), money(1, 'EUR')], 'USD')).toThrow(/currency mismatch/);
  });

  it('says which amount is not integer minor units', () => {
    expect(() => money(1.5, 'USD')).toThrow(/not an integer amount of minor units: 1.5/);
    expect(() => toMajorString(Number.NaN, 'USD')).toThrow(/minor units: NaN/);
  });

  it('computes totals and change', () => {
    const total = sum([multiply(money(475, 'USD'), 3), money(1999, 'USD')], 'USD');
    expect(total).toEqual({ amount: 3424, currency: 'USD' });
    expect(changeDue(total, money(5000, 'USD'))).toEqual({ amount: 1576, currency: 'USD' });
    expect(changeDue(money(1500, 'JPY'), money(2000, 'JPY')).amount).toBe(500);
    expect(changeDue(money(2500, 'KWD'), money(3000, 'KWD')).amount).toBe(500);
    expect(subtract(money(100, 'USD'), money(250, 'USD')).amount).toBe(-150);
  });

  it('parses what a clerk types exactly, per currency', () => {
    expect(parseMajor('12', 'USD')).toBe(1200);
    expect(parseMajor('12.5', 'USD')).toBe(1250);
    expect(parseMajor('0.07', 'USD')).toBe(7);
    expect(parseMajor('1,234.56', 'USD')).toBe(123456);
    expect(parseMajor('12.345', 'USD')).toBeNull();
    expect(parseMajor('500', 'JPY')).toBe(500);
    expect(parseMajor('500.5', 'JPY')).toBeNull();
    expect(parseMajor('1.234', 'KWD')).toBe(1234);
    expect(parseMajor('abc', 'USD')).toBeNull();
    expect(parseMajor('', 'USD')).toBeNull();
    expect(parseMajor('-5', 'USD')).toBeNull();
    expect(parseMajor('12.', 'USD')).toBe(1200);
    expect(parseMajor(' 1 234.50 ', 'USD')).toBe(123450);
    expect(parseMajor('12abc', 'USD')).toBeNull();
    expect(parseMajor('12.5x', 'USD')).toBeNull();
    expect(parseMajor('99999999999999999', 'USD')).toBeNull();
    expect(parseMajor(String(Number.MAX_SAFE_INTEGER), 'JPY')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('formats exactly with grouping', () => {
    expect(formatMoney(money(123456, 'USD'))).toBe('USD 1,234.56');
    expect(formatMoney(money(-5, 'USD'))).toBe('-USD 0.05');
    expect(formatMoney(money(1500, 'JPY'))).toBe('JPY 1,500');
    expect(formatMoney(money(1234, 'KWD'))).toBe('KWD 1.234');
    expect(toMajorString(7, 'KWD')).toBe('0.007');
    expect(formatMoney(money(0, 'USD'))).toBe('USD 0.00');
    expect(toMajorString(0, 'JPY')).toBe('0');
    expect(formatMoney(money(123456, 'JPY'))).toBe('JPY 123,456');
    expect(formatMoney(money(123456789, 'USD'))).toBe('USD 1,234,567.89');
    expect(formatMoney(money(-100000000, 'USD'))).toBe('-USD 1,000,000.00');
    expect(formatMoney(money(999, 'JPY'))).toBe('JPY 999');
  });

  it('round-trips every amount through format and parse (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('USD', 'JPY', 'KWD'), fc.integer({ min: 0, max: 10 ** 12 }), (cur, n) => {
        expect(parseMajor(toMajorString(n, cur), cur)).toBe(n);
      }),
    );
  });
});
