import { create } from 'zustand';
import { localization, type Localization } from '../../../core/i18n/catalog';
import { DEFAULT_LANGUAGE } from '../../../core/i18n/languages';
import type { TerminalSettings } from '../../../core/contract/types/settings';

/** The machine's locale as the browser (or Electron's renderer) reports it. */
const SYSTEM_LOCALE = typeof navigator === 'undefined' ? undefined : navigator.language;

interface LocaleState {
  readonly l10n: Localization;
  apply(settings: Pick<TerminalSettings, 'language' | 'locale'>): void;
}

/**
 * The language and locale the window speaks, from the terminal's settings (English and the machine's locale until
 * they are read). Every component that reads it re-renders when a manager switches the language.
 */
export const useLocaleStore = create<LocaleState>((set, get) => ({
  l10n: localization(DEFAULT_LANGUAGE, null, SYSTEM_LOCALE),
  apply: ({ language, locale }) => {
    const current = get().l10n;
    if (current.language === language && current.chosenLocale === locale) return;
    const l10n = localization(language, locale, SYSTEM_LOCALE);
    if (typeof document !== 'undefined') document.documentElement.lang = l10n.fmt.locale;
    set({ l10n });
  },
}));

/** The texts and formats of the window's language, for a component (re-renders on a switch). */
export function useL10n(): Localization {
  return useLocaleStore((s) => s.l10n);
}

/** The same outside React (plain functions called while rendering, event handlers, stores). */
export function currentL10n(): Localization {
  return useLocaleStore.getState().l10n;
}

/** Reads the terminal's language and locale once the host answers. */
export function applyLocaleSettings(settings: Pick<TerminalSettings, 'language' | 'locale'>): void {
  useLocaleStore.getState().apply(settings);
}
