import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocaleFormat } from '../../../core/i18n/locale-format';
import { formatMoney } from '../../../core/money/money';
import { parseAmount } from '../../../core/money/parse-amount';

const NBSP = /[\u00a0\u202f]/g;

describe('LocaleFormat.money', () => {
  const us = new LocaleFormat('en-US');
  const ru = new LocaleFormat('ru-RU');

  it('writes en-US exactly as the locale-neutral format receipts and screens always used', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'),
        (amount, currency) => {
          expect(us.money(amount, currency)).toBe(formatMoney({ amount, currency }));
        },
      ),
    );
  });

  it('writes ru-RU with a decimal comma, space grouping and the code after the number', () => {
    expect(ru.money(123450, 'USD').replace(NBSP, ' ')).toBe('1 234,50 USD');
    expect(ru.money(-5, 'EUR').replace(NBSP, ' ')).toBe('-0,05 EUR');
    expect(ru.money(1000, 'JPY').replace(NBSP, ' ')).toBe('1 000 JPY');
  });

  it('is exact past the float range of cents and reads back through the parser of the same locale', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (amount) => {
        const text = new LocaleFormat('de-DE').money(amount, 'EUR').replace(/\s*EUR\s*/, '');
        const back = parseAmount(text, 'EUR', 'de-DE');
        expect(back).toEqual({ ok: true, amount });
      }),
      { numRuns: 200 },
    );
  });
});

describe('LocaleFormat counts and dates', () => {
  it('groups counts as the locale does', () => {
    expect(new LocaleFormat('en-US').count(100_000)).toBe('100,000');
    expect(new LocaleFormat('ru-RU').count(100_000).replace(NBSP, ' ')).toBe('100 000');
  });

  it('picks the plural form each language needs', () => {
    const forms = { one: '{n} карта', few: '{n} карты', many: '{n} карт', other: '{n} карты' };
    const ru = new LocaleFormat('ru-RU');
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => ru.counted(n, forms))).toEqual([
      '1 карта',
      '2 карты',
      '5 карт',
      '11 карт',
      '21 карта',
      '22 карты',
      '25 карт',
    ]);
    const en = new LocaleFormat('en-US');
    expect([0, 1, 2].map((n) => en.counted(n, { one: '{n} card', other: '{n} cards' }))).toEqual([
      '0 cards',
      '1 card',
      '2 cards',
    ]);
  });

  it('writes dates in the locale and the time zone asked for, and passes a non-date through', () => {
    const utc = new LocaleFormat('ru-RU', 'UTC');
    expect(utc.date('2026-11-30T08:04:05Z')).toMatch(/^30 нояб\.? 2026/);
    expect(utc.time('2026-11-30T08:04:05Z')).toBe('08:04:05');
    expect(new LocaleFormat('en-US', 'UTC').shortTime('2026-11-30T18:04:05Z')).toBe('06:04 PM');
    expect(utc.dateTime('not a date')).toBe('not a date');
  });

  it('counts in whole numbers, rounding a fraction away', () => {
    expect(new LocaleFormat('en-US').count(1234.56)).toBe('1,235');
    expect(new LocaleFormat('en-US').count(0.4)).toBe('0');
  });

  it('writes date and time together, with the month short and seconds', () => {
    expect(new LocaleFormat('en-GB', 'UTC').dateTime('2026-11-30T08:04:05Z')).toBe('30 Nov 2026, 08:04:05');
  });

  it('uses the time zone it is given, not the machine’s', () => {
    // Two zones nine hours apart: whatever the machine's zone is, it differs from one of them.
    const instant = '2026-11-30T20:04:05Z';
    expect(new LocaleFormat('en-GB', 'Asia/Tokyo').time(instant)).toBe('05:04:05');
    expect(new LocaleFormat('en-GB', 'UTC').time(instant)).toBe('20:04:05');
    expect(new LocaleFormat('en-GB', 'Asia/Tokyo').date(instant)).toBe('01 Dec 2026');
  });
});

describe('LocaleFormat.money literals', () => {
  it('keeps the right-to-left mark of Hebrew and makes the space beside it a plain one', () => {
    const text = new LocaleFormat('he-IL').money(123450, 'USD');
    expect(text.startsWith('\u200f1,234.50')).toBe(true);
    // Intl writes NBSP + RLM between the number and the code: the mark stays, the space is a plain one.
    expect(text.endsWith(' \u200fUSD')).toBe(true);
    expect(text).not.toContain('\u00a0');
  });

  it('makes every space between number and code plain in the locales that use a non-breaking one', () => {
    for (const locale of ['fr-FR', 'ru-RU', 'de-CH', 'ar-EG', 'fa-IR']) {
      const text = new LocaleFormat(locale).money(123450, 'USD');
      const group =
        new Intl.NumberFormat(locale).formatToParts(1234).find((p) => p.type === 'group')?.value ?? '';
      const outsideGrouping = text.split(group).join('');
      expect({
        locale,
        plain: outsideGrouping.includes(' '),
        nonBreaking: /[\u00a0\u202f]/.test(outsideGrouping),
      }).toEqual({ locale, plain: true, nonBreaking: false });
    }
  });
});
