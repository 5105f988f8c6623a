import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The /node entry: the package root only resolves under the "node" export condition, which tsc does not use here.
import bwipjs from 'bwip-js/node';
import { code128Values, encodeCode128 } from '../../../main/printing/code128-encoding';

/** bwip-js's own Code 128 (BWIPP), the reference the fast encoder must equal symbol for symbol. */
const reference = (text: string): number[] =>
  (bwipjs.raw('code128', text, {}) as { sbs: number[] }[])[0]!.sbs;

const printable = fc.string({
  unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 24,
});
const digitsAndDashes = fc.string({ unit: fc.constantFrom(...'0123456789-'), minLength: 1, maxLength: 24 });

describe('Code 128 encoding (sets B and C)', () => {
  it('equals bwip-js for every printable ASCII text, bar for bar', () => {
    fc.assert(
      fc.property(printable, (text) => {
        expect(encodeCode128(text)).toEqual(reference(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('equals bwip-js for serial-like digits and dashes, where the set changes most', () => {
    fc.assert(
      fc.property(digitsAndDashes, (text) => {
        expect(encodeCode128(text)).toEqual(reference(text));
      }),
      { numRuns: 1500 },
    );
    for (const serial of ['101-23423423', '999999-99999999', '1-00000000', '12', '1234', '12345', '0'])
      expect(encodeCode128(serial)).toEqual(reference(serial));
  });

  it('picks the sets of ISO/IEC 15417 Annex E and ends with the check value', () => {
    // "12": exactly two digits start in C.
    expect(code128Values('12')).toEqual([105, 12, (105 + 12) % 103]);
    // "123": three digits stay in B.
    expect(code128Values('123')).toEqual([104, 17, 18, 19, (104 + 17 + 2 * 18 + 3 * 19) % 103]);
    // A serial: B for "101-", then C for the even run of eight digits.
    const serial = code128Values('101-23423423')!;
    expect(serial.slice(0, -1)).toEqual([104, 17, 16, 17, 13, 99, 23, 42, 34, 23]);
    // An odd run of five digits: its first digit in B, then C.
    expect(code128Values('A12345')!.slice(0, -1)).toEqual([104, 33, 17, 99, 23, 45]);
    // Each symbol is 11 modules and the stop 13.
    const widths = encodeCode128('101-23423423')!;
    expect(widths.reduce((a, b) => a + b, 0)).toBe(11 * 11 + 13);
  });

  it('leaves empty text and anything outside printable ASCII to the general encoder', () => {
    expect(encodeCode128('')).toBeNull();
    expect(encodeCode128('caf\u00e9')).toBeNull();
    expect(encodeCode128('tab\there')).toBeNull();
  });
});
