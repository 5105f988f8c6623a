import { isPinLength, pinSpace, SHORT_PIN_LENGTH } from '../../../../core/cards/card-pin';
import { LOCKOUT_THRESHOLDS, LOCKOUT_WINDOW_SECONDS } from '../../../../core/cards/redeem-lockout';
import type { Localization } from '../../../../core/i18n/catalog';
import { currentL10n } from '../../i18n/locale-store';

/** Failed guesses one terminal may make in a day before the lockout stops it (threshold per window, 24 h). */
export const GUESSES_PER_DAY_PER_TERMINAL = Math.floor(
  LOCKOUT_THRESHOLDS.terminal * ((24 * 3600) / LOCKOUT_WINDOW_SECONDS),
);

/**
 * What the series form says about a PIN length, in the window's language and locale: the odds per guess, per day of
 * guessing, and a warning when short.
 */
export function pinOddsText(
  length: number,
  quantity: number,
  { m, fmt }: Pick<Localization, 'm' | 'fmt'> = currentL10n(),
): { readonly perGuess: string; readonly perDay: string; readonly warning: string | null } {
  const t = m.cards.odds;
  const space = pinSpace(length);
  const perGuess = t.perGuess({ space: fmt.count(space) });
  const live = Math.max(1, quantity);
  // Chance that a day of guessing at one terminal hits any card of this series: 1 - (1 - live/space)^guesses.
  const hit = -Math.expm1(GUESSES_PER_DAY_PER_TERMINAL * Math.log1p(-Math.min(1, live / space)));
  const chance =
    hit >= 0.995
      ? t.almostCertainly
      : hit < 1e-9
        ? t.negligible
        : t.about({
            odds:
              hit >= 0.01
                ? percentFormat(fmt.locale).format(hit)
                : t.oneIn({ n: fmt.count(Math.round(1 / hit)) }),
          });
  const perDay = t.perDay({
    guesses: fmt.count(GUESSES_PER_DAY_PER_TERMINAL),
    cards: fmt.counted(live, t.oneOfCards),
    chance,
  });
  const warning =
    isPinLength(length) && length < SHORT_PIN_LENGTH
      ? t.shortPin({ length: String(length), space: fmt.count(space) })
      : null;
  return { perGuess, perDay, warning };
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** A share as a percentage with one decimal ("91.0%", "91,0 %"). */
function percentFormat(locale: string): Intl.NumberFormat {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    percentFormats.set(locale, format);
  }
  return format;
}
