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

  it('refuses prefixes and numbers out of range, naming what is wrong', () => {
    expect(() => formatSerial('01', 1)).toThrow(/series prefix: 01/);
    expect(() => formatSerial('1234567', 1)).toThrow(/series prefix/);
    expect(() => formatSerial('101', 10_000_000)).toThrow(/out of range: 10000000/);
    expect(() => formatSerial('101', -1)).toThrow(/out of range: -1/);
    expect(() => formatSerial('101', 1.5)).toThrow(/out of range: 1.5/);
    expect(() => formatSerial('101', Number.NaN)).toThrow(/out of range/);
  });

  it('uses the whole number range of a series, from 0 to 9,999,999', () => {
    for (const n of [0, 9_999_999]) {
      const s = formatSerial('101', n);
      expect(s).toMatch(/^101-\d{8}$/);
      expect(parseSerial(s)).toEqual({ prefix: '101', number: n });
    }
    expect(formatSerial('999999', 0)).toMatch(/^999999-0000000\d$/);
  });

  it('reads a scanned serial with spaces or a line end around it', () => {
    const s = formatSerial('101', 2342342);
    expect(parseSerial(` ${s}\n`)).toEqual({ prefix: '101', number: 2342342 });
    expect(isValidSerial(`\t${s} `)).toBe(true);
  });

  it('computes the check digit over every digit, doubling from the right', () => {
    // Each digit alone in a field of zeros: doubled (and folded past 9) at odd distances from the right.
    const doubled = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
    for (let d = 0; d <= 9; d++) {
      expect(luhnCheckDigit(String(d)), `${d}`).toBe((10 - doubled[d]!) % 10);
      expect(luhnCheckDigit(`${d}0`), `${d}0`).toBe((10 - d) % 10);
      expect(luhnCheckDigit(`${d}00`), `${d}00`).toBe((10 - doubled[d]!) % 10);
    }
    expect(luhnCheckDigit('0')).toBe(0);
  });

  it('refuses anything but decimal digits for a check digit', () => {
    for (const bad of ['', '12a', 'a12', '1 2', '-12', '１２'])
      expect(() => luhnCheckDigit(bad), JSON.stringify(bad)).toThrow(/decimal digits/);
  });
});
