import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../../core/contract/types/status';
import { localization } from '../../../core/i18n/catalog';
import { statusAnnouncement } from '../../../renderer/src/app/status-announcement';
import { codeText } from '../../../renderer/src/errors/code-text';
import { waitText } from '../../../renderer/src/gate/wait-text';
import { checkSaleForm, type SaleFormInput } from '../../../renderer/src/screens/sell/sale-form-check';

const en = localization('en', null, 'en-US');
const ru = localization('ru', null, 'ru-RU');
const NBSP = /[\u00a0\u202f]/g;

const form = (over: Partial<SaleFormInput> = {}): SaleFormInput => ({
  account: '+15550001111',
  unitPrice: 1_000,
  quantity: 1,
  tendered: '',
  currency: 'USD',
  locale: 'ru-RU',
  offline: null,
  ...over,
});

describe('the counter in the window’s language', () => {
  it('checks the Sell form in Russian, money written the Russian way', () => {
    const empty = checkSaleForm(form({ account: '', unitPrice: null }), ru);
    expect(empty.problems.map((p) => p.message)).toEqual([
      ru.m.sell.check.accountEmpty,
      ru.m.sell.check.choosePackage,
    ]);
    expect(empty.problems[0]!.message).toMatch(/[\u0400-\u04ff]/);
    const limit = checkSaleForm(
      form({ unitPrice: 500_000, offline: { perSaleMax: 200_000, totalLeft: 900_000 } }),
      ru,
    );
    expect(limit.problems).toHaveLength(1);
    expect(limit.problems[0]!.message.replace(NBSP, ' ')).toContain('2 000,00 USD');
    // The example of how to write cash uses the locale's decimal separator.
    const bad = checkSaleForm(form({ tendered: 'abc' }), ru);
    expect(bad.problems[0]!.message).toContain('10,50');
  });

  it('keeps the English the service wrote for codes it explains itself, and translates them in Russian', () => {
    expect(codeText('forbidden', 'only a manager can do this', en)).toBe('Only a manager can do this.');
    expect(codeText('forbidden', 'only a manager can do this', ru)).toBe(ru.m.errors.byCode.forbidden);
    expect(codeText('offline_per_sale_limit', 'This sale is above the offline per-sale limit.', ru)).toBe(
      ru.m.errors.byCode.offlinePerSaleLimit,
    );
    // Codes whose message is not for a clerk get the catalog's text in every language.
    expect(codeText('invalid_credentials', 'unknown clerk or wrong PIN', en)).toBe('Wrong PIN. Try again.');
    expect(codeText('invalid_credentials', 'unknown clerk or wrong PIN', ru)).toBe(
      ru.m.errors.replaced.invalidCredentials,
    );
    // An unknown code falls back to the service's message as a sentence, whatever the language.
    expect(codeText('something_new', 'it broke', ru)).toBe('It broke.');
  });

  it('says a sign-in wait in the window’s language', () => {
    expect(
      [1_000, 90_000, 120_000, 3_600_000, 3_900_000].map((ms) => waitText(ms, en.m.gate.wait, en.fmt)),
    ).toEqual(['1 s', '1 min 30 s', '2 min', '1 h', '1 h 5 min']);
    expect(waitText(90_000, ru.m.gate.wait, ru.fmt)).toBe('1 мин 30 с');
  });

  it('announces going offline in Russian', () => {
    const status = { online: false, lastError: null, blocked: null } as unknown as AppStatus;
    expect(statusAnnouncement({ online: true, blocked: false }, status, ru.m.app.announce).text).toBe(
      ru.m.app.announce.offline,
    );
  });
});
