import { describe, expect, it } from 'vitest';
import { numberSeparators, parseAmount } from '../../../core/money/parse-amount';

const amount = (text: string, currency: string, locale: string) => parseAmount(text, currency, locale);

describe('parseAmount: cash typed at the counter, by the locale’s decimal separator', () => {
  it('knows the separators of a few locales from Intl', () => {
    expect(numberSeparators('en-US')).toEqual({ decimal: '.', group: ',' });
    expect(numberSeparators('de-DE')).toEqual({ decimal: ',', group: '.' });
    expect(numberSeparators('fr-FR')).toEqual({ decimal: ',', group: ' ' });
  });

  it('reads a decimal comma where the locale writes one ("10,50" is 10.50, not 1,050.00)', () => {
    expect(amount('10,50', 'EUR', 'de-DE')).toEqual({ ok: true, amount: 1050 });
    expect(amount('1.234,5', 'EUR', 'de-DE')).toEqual({ ok: true, amount: 123450 });
    expect(amount('1 234,50', 'EUR', 'fr-FR')).toEqual({ ok: true, amount: 123450 });
    expect(amount('1\u202f234,50', 'EUR', 'fr-FR')).toEqual({ ok: true, amount: 123450 });
  });

  it('reads the decimal point and whole thousands groups where the locale writes those', () => {
    expect(amount('10.50', 'USD', 'en-US')).toEqual({ ok: true, amount: 1050 });
    expect(amount('10', 'USD', 'en-US')).toEqual({ ok: true, amount: 1000 });
    expect(amount('1,234.56', 'USD', 'en-US')).toEqual({ ok: true, amount: 123456 });
    expect(amount('1,234', 'JPY', 'en-US')).toEqual({ ok: true, amount: 1234 });
    expect(amount('1.234', 'KWD', 'en-US')).toEqual({ ok: true, amount: 1234 });
    expect(amount('.5', 'USD', 'en-US')).toEqual({ ok: true, amount: 50 });
  });

  it('refuses text that reads two ways instead of guessing', () => {
    // The bug: "10,50" on a US till became USD 1,050.00 and the change shown was USD 1,040.00.
    expect(amount('10,50', 'USD', 'en-US')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(amount('10.50', 'EUR', 'de-DE')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(amount('10.50', 'EUR', 'fr-FR')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(amount('1,2,3', 'USD', 'en-US')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(amount('1.2.3', 'USD', 'en-US')).toEqual({ ok: false, problem: 'ambiguous' });
  });

  it('refuses more decimals than the currency has, junk, negatives and unsafe amounts', () => {
    expect(amount('12.345', 'USD', 'en-US')).toEqual({ ok: false, problem: 'too_many_decimals' });
    expect(amount('500,5', 'JPY', 'de-DE')).toEqual({ ok: false, problem: 'too_many_decimals' });
    for (const bad of ['', '  ', 'abc', '-5', '5 USD', '.', ',']) {
      expect(amount(bad, 'USD', 'en-US').ok, bad).toBe(false);
    }
    expect(amount('99999999999999999', 'USD', 'en-US')).toEqual({ ok: false, problem: 'too_large' });
  });

  it('ignores spaces around what was typed or pasted', () => {
    expect(amount(' 10.50 ', 'USD', 'en-US')).toEqual({ ok: true, amount: 1050 });
    expect(amount('\t1,234.56\n', 'USD', 'en-US')).toEqual({ ok: true, amount: 123456 });
    expect(amount('\u00a010,50\u00a0', 'EUR', 'de-DE')).toEqual({ ok: true, amount: 1050 });
  });

  it('takes a space as a thousands separator in every locale, and any number of whole groups', () => {
    expect(amount('1 234.56', 'USD', 'en-US')).toEqual({ ok: true, amount: 123456 });
    expect(amount('1 234,56', 'EUR', 'de-DE')).toEqual({ ok: true, amount: 123456 });
    expect(amount('1,234,567.89', 'USD', 'en-US')).toEqual({ ok: true, amount: 123456789 });
    expect(amount('1.234.567,89', 'EUR', 'de-DE')).toEqual({ ok: true, amount: 123456789 });
    expect(amount('1 234 567,89', 'EUR', 'fr-FR')).toEqual({ ok: true, amount: 123456789 });
    expect(amount('12,345,678', 'JPY', 'en-US')).toEqual({ ok: true, amount: 12345678 });
  });

  it('refuses groups that are not whole thousands, and a separator after the decimal one, as ambiguous', () => {
    for (const text of ['1,23', '1234,567.00', '12,3456.00', '1,234,56', ',123.00']) {
      expect(amount(text, 'USD', 'en-US'), text).toEqual({ ok: false, problem: 'ambiguous' });
    }
    // "1.2,3" and "1.25 0": the grouping or a space comes after the decimal point, where no group can be.
    expect(amount('1.2,3', 'USD', 'en-US')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(amount('1.2,3', 'KWD', 'en-US')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(amount('1.25 0', 'USD', 'en-US')).toEqual({ ok: false, problem: 'ambiguous' });
  });

  it('calls text that is not a number at all invalid, not ambiguous, even next to a separator', () => {
    for (const text of [
      '',
      '  ',
      'abc',
      '-5',
      '5 USD',
      'USD 1,234.50',
      '10.50USD',
      '.',
      ',',
      '.,',
      '...',
      ', .',
    ]) {
      expect(amount(text, 'USD', 'en-US'), JSON.stringify(text)).toEqual({ ok: false, problem: 'invalid' });
    }
  });
});
