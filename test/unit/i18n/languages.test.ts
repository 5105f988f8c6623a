import { describe, expect, it } from 'vitest';
import { localization } from '../../../core/i18n/catalog';
import { effectiveLocale, isLanguage, isLocaleTag } from '../../../core/i18n/languages';

describe('the locale a terminal writes in', () => {
  it('is the one a manager chose', () => {
    expect(effectiveLocale('en', 'en-GB', 'de-DE')).toBe('en-GB');
    expect(effectiveLocale('ru', 'de-CH', undefined)).toBe('de-CH');
  });

  it('else the machine’s when it is of the UI’s language, else the language’s usual one', () => {
    expect(effectiveLocale('en', null, 'en-AU')).toBe('en-AU');
    expect(effectiveLocale('ru', null, 'en-US')).toBe('ru-RU');
    expect(effectiveLocale('en', null, 'ru-RU')).toBe('en-US');
    expect(effectiveLocale('en', null, undefined)).toBe('en-US');
  });

  it('ignores a chosen or machine locale that is not a locale', () => {
    expect(effectiveLocale('en', 'not a locale', 'xx-!!')).toBe('en-US');
    expect(isLocaleTag('en-US')).toBe(true);
    expect(isLocaleTag('en_US!')).toBe(false);
    expect(isLocaleTag('')).toBe(false);
  });

  it('knows only the languages it has catalogs for', () => {
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('ru')).toBe(true);
    expect(isLanguage('de')).toBe(false);
    expect(isLanguage('toString')).toBe(false);
    expect(localization('ru', null, 'en-US').m.common.cancel).toBe('Отмена');
    expect(localization('en', null, 'en-US').fmt.locale).toBe('en-US');
  });

  it('refuses a well-formed tag of a language Intl has no data for', () => {
    // "xx" and "zz-ZZ" are valid BCP 47 syntax, but no locale of Intl serves them.
    expect(isLocaleTag('xx')).toBe(false);
    expect(isLocaleTag('zz-ZZ')).toBe(false);
    expect(effectiveLocale('en', 'xx', 'zz-ZZ')).toBe('en-US');
  });
});
