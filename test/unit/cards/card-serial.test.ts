import { describe, expect, it } from 'vitest';
import { formatSerial, isValidSerial, luhnCheckDigit, parseSerial } from '../../../core/cards/card-serial';

describe('card serials', () => {
  it('computes the Luhn check digit of known numbers', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('4539148803436467'.slice(0, -1))).toBe(7);
  });

  it('formats series, padded number and check digit, and parses it back', () => {
    const s = formatSerial('101', 2342342);
    expect(s).toMatch(/^101-2342342\d$/);
    expect(parseSerial(s)).toEqual({ prefix: '101', number: 2342342 });
    expect(formatSerial('7', 1)).toMatch(/^7-0000001\d$/);
  });

  it('catches every single mistyped digit and malformed serials', () => {
    const s = formatSerial('4521', 1234567);
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '-') continue;
      for (let d = 0; d <= 9; d++) {
        if (String(d) === s[i]) continue;
        const typo = s.slice(0, i) + String(d) + s.slice(i + 1);
        if (i === 0 && d === 0) continue; // a leading 0 is malformed anyway
        expect(isValidSerial(typo), typo).toBe(false);
      }
    }
    for (const bad of ['', '101', '101-123', '0101-12345678', '101-1234567x', '1234567-12345678'])
      expect(isValidSerial(bad), bad).toBe(false);
  });

  it('refuses prefixes and numbers out of range', () => {
    expect(() => formatSerial('01', 1)).toThrow();
    expect(() => formatSerial('101', 10_000_000)).toThrow();
    expect(() => formatSerial('101', -1)).toThrow();
  });
});
