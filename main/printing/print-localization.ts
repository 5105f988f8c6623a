import type { TerminalSettings } from '../../core/contract/types/settings';
import { localization, type Localization } from '../../core/i18n/catalog';

/**
 * The texts and formats printouts use: the terminal's language and locale from Settings, the machine's locale when
 * none is chosen (and it is of that language), dates in the machine's time zone.
 */
export function printLocalization(settings: Pick<TerminalSettings, 'language' | 'locale'>): Localization {
  const machine = Intl.DateTimeFormat().resolvedOptions();
  return localization(settings.language, settings.locale, machine.locale, machine.timeZone);
}

/** English as an American till writes it ("USD 1,234.50"): what a printout uses when it is given no language. */
export const ENGLISH_PRINT: Localization = localization('en', 'en-US', undefined);
