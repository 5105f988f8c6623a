import type { Catalog } from '../../../core/i18n/catalog';
import { currentL10n } from '../i18n/locale-store';

/** One navigable screen: its id, its Alt+<key>, and its name in the window's language (`m.app.screens[id]`). */
function screen<const I extends keyof Catalog['app']['screens'], const K extends string>(id: I, key: K) {
  return {
    id,
    key,
    get label(): string {
      return currentL10n().m.app.screens[id];
    },
  };
}

/** The screens a clerk can navigate to, in navigation order. Alt+<key> jumps to each. */
export const SCREENS = [
  screen('sell', '1'),
  screen('redeem', '2'),
  screen('cards', '3'),
  screen('sales', '4'),
  screen('wallet', '5'),
  screen('reports', '6'),
  screen('sync', '7'),
  screen('settings', '8'),
] as const;

/** A screen id. */
export type ScreenId = (typeof SCREENS)[number]['id'];
