import { describe, expect, it } from 'vitest';
import { localization } from '../../../../core/i18n/catalog';
import { moneyFieldText, parseMoneyField } from '../../../../renderer/src/screens/wallet/money-field';

const en = localization('en', 'en-US', undefined);
const ru = localization('ru', 'ru-RU', undefined);

describe('wallet money fields read amounts the way the locale writes them', () => {
  it('reads the decimal comma on a Russian till and the decimal point on an American one', () => {
    expect(parseMoneyField('10,50', 'USD', 'Сумма', ru)).toEqual({ ok: true, value: 1050 });
    expect(parseMoneyField('1 234,5', 'USD', 'Сумма', ru)).toEqual({ ok: true, value: 123_450 });
    expect(parseMoneyField('10.50', 'USD', 'Amount', en)).toEqual({ ok: true, value: 1050 });
    expect(parseMoneyField('1,234.50', 'USD', 'Amount', en)).toEqual({ ok: true, value: 123_450 });
  });

  it('refuses "10,50" on an American till instead of reading 1,050.00', () => {
    const r = parseMoneyField('10,50', 'USD', 'Amount', en);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(en.m.wallet.field.ambiguous({ label: 'Amount', example: '25.00' }));
  });

  it('names the field and shows an example in the locale, in the window language', () => {
    expect(parseMoneyField('abc', 'USD', 'Amount', en)).toEqual({
      ok: false,
      error: 'Amount: type an amount like 25.00.',
    });
    const r = parseMoneyField('abc', 'USD', 'Сумма', ru);
    expect(r).toEqual({
      ok: false,
      error: ru.m.wallet.field.notAmount({ label: 'Сумма', example: '25,00' }),
    });
    expect(parseMoneyField('0', 'USD', 'Amount', en)).toEqual({
      ok: false,
      error: 'Amount must be more than zero.',
    });
    expect(parseMoneyField('0', 'USD', 'Threshold', en, { allowZero: true })).toEqual({ ok: true, value: 0 });
    expect(parseMoneyField('1.234', 'USD', 'Amount', en).ok).toBe(false);
  });

  it('writes a saved amount so that the same locale reads it back', () => {
    for (const l of [en, ru, localization('en', 'de-CH', undefined)]) {
      for (const minor of [0, 5, 1050, 123_456_789]) {
        const text = moneyFieldText(minor, 'USD', l.fmt.locale);
        expect(parseMoneyField(text, 'USD', 'x', l, { allowZero: true }), `${l.fmt.locale} ${text}`).toEqual({
          ok: true,
          value: minor,
        });
      }
    }
    expect(moneyFieldText(null, 'USD', 'ru-RU')).toBe('');
    expect(moneyFieldText(1050, 'USD', 'ru-RU')).toBe('10,50');
  });
});
