import { pinGuessingOdds, pinSpace, SHORT_PIN_LENGTH } from '../../../../core/cards/card-pin';
import { LOCKOUT_THRESHOLDS, LOCKOUT_WINDOW_SECONDS } from '../../../../core/cards/redeem-lockout';

/** Failed guesses one terminal may make in a day before the lockout stops it (threshold per window, 24 h). */
export const GUESSES_PER_DAY_PER_TERMINAL = Math.floor(
  LOCKOUT_THRESHOLDS.terminal * ((24 * 3600) / LOCKOUT_WINDOW_SECONDS),
);

/** What the series form says about a PIN length: the odds per guess, per day of guessing, and a warning when short. */
export function pinOddsText(
  length: number,
  quantity: number,
): { readonly perGuess: string; readonly perDay: string; readonly warning: string | null } {
  const space = pinSpace(length);
  const perGuess = `1 in ${space.toLocaleString('en-US')} per guess`;
  const live = Math.max(1, quantity);
  // Chance that a day of guessing at one terminal hits any card of this series: 1 - (1 - live/space)^guesses.
  const hit = -Math.expm1(GUESSES_PER_DAY_PER_TERMINAL * Math.log1p(-Math.min(1, live / space)));
  const chance =
    hit >= 0.995
      ? 'almost certainly'
      : hit < 1e-9
        ? 'with negligible odds'
        : `with odds of about ${percent(hit)}`;
  const perDay =
    `The lockout allows about ${GUESSES_PER_DAY_PER_TERMINAL} wrong guesses a day per terminal: ` +
    `a day of guessing finds one of ${live.toLocaleString('en-US')} cards ${chance}.`;
  return { perGuess, perDay, warning: length < SHORT_PIN_LENGTH ? pinGuessingOdds(length) : null };
}

function percent(p: number): string {
  if (p >= 0.01) return `${(p * 100).toFixed(1)}%`;
  return `1 in ${Math.round(1 / p).toLocaleString('en-US')}`;
}
