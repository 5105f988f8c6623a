/** The languages the terminal's UI, receipts and reports are written in. */
export const LANGUAGES = {
  en: { name: 'English', defaultLocale: 'en-US' },
  ru: { name: 'Русский', defaultLocale: 'ru-RU' },
} as const satisfies Record<string, { readonly name: string; readonly defaultLocale: string }>;

export type Language = keyof typeof LANGUAGES;

export const LANGUAGE_CODES = Object.keys(LANGUAGES) as readonly Language[];

export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}

/** True for one well-formed BCP 47 tag `Intl` knows ("en-US", "ru-RU", "de-CH"). */
export function isLocaleTag(value: string): boolean {
  try {
    return (
      Intl.getCanonicalLocales(value).length === 1 && Intl.NumberFormat.supportedLocalesOf(value).length === 1
    );
  } catch {
    return false;
  }
}

/**
 * The locale money, numbers and dates are written in: the one a manager chose; else the machine's when it is of the
 * UI's language (a Swiss till in English keeps "en-CH"); else the language's usual one (Russian UI on an American
 * machine writes "1 234,50").
 */
export function effectiveLocale(
  language: Language,
  chosen: string | null,
  systemLocale: string | undefined,
): string {
  if (chosen && isLocaleTag(chosen)) return chosen;
  if (systemLocale && isLocaleTag(systemLocale) && new Intl.Locale(systemLocale).language === language) {
    return systemLocale;
  }
  return LANGUAGES[language].defaultLocale;
}
