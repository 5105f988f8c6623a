import { en } from './en';
import { LANGUAGES, effectiveLocale, type Language } from './languages';
import { LocaleFormat } from './locale-format';
import { ru } from './ru';

/**
 * Every text the terminal shows or prints, by area (`m.sell.confirm`). A leaf is a string, a set of plural forms
 * (`fmt.counted(n, m.cards.cardCount)`), or a function of one object of already formatted values
 * (`m.sell.changeDue({ amount: fmt.money(…) })`). English is the source; every other language has its exact shape,
 * so a missing or extra text is a compile error.
 */
export type Catalog = typeof en;

const CATALOGS: Readonly<Record<Language, Catalog>> = { en, ru };

export function catalogFor(language: Language): Catalog {
  return CATALOGS[language];
}

/** What one screen or printout needs to speak: the texts and the formats of one language and locale. */
export interface Localization {
  readonly language: Language;
  readonly languageName: string;
  /** The locale a manager chose (null: derived from the language and the machine). */
  readonly chosenLocale: string | null;
  readonly m: Catalog;
  readonly fmt: LocaleFormat;
}

export function localization(
  language: Language,
  chosenLocale: string | null,
  systemLocale: string | undefined,
  timeZone?: string,
): Localization {
  const locale = effectiveLocale(language, chosenLocale, systemLocale);
  return {
    language,
    languageName: LANGUAGES[language].name,
    chosenLocale,
    m: catalogFor(language),
    fmt: new LocaleFormat(locale, timeZone),
  };
}
