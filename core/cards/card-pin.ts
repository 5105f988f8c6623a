/**
 * PIN rules for top-up cards: how long a PIN may be, how it is shown and typed, how many cards a PIN length can
 * carry, and the guessing odds the series form shows. PINs themselves are made on the server with a CSPRNG.
 */

/** Shortest PIN a series may use. */
export const MIN_PIN_LENGTH = 5;
/** Longest PIN a series may use. */
export const MAX_PIN_LENGTH = 20;
/** PIN length when the form does not say. */
export const DEFAULT_PIN_LENGTH = 12;
/** Below this length the form warns with the guessing odds. */
export const SHORT_PIN_LENGTH = 10;
/**
 * At most this share of a PIN length's space may be live cards at once: keeps a blind guess unlikely to hit any card
 * (with the lockout, a few tries per window) and collisions rare enough that retries stay cheap.
 */
export const MAX_PIN_SPACE_FILL = 0.01;

/** True when `length` is an allowed PIN length. */
export function isPinLength(length: number): boolean {
  return Number.isInteger(length) && length >= MIN_PIN_LENGTH && length <= MAX_PIN_LENGTH;
}

/** How many distinct PINs of `length` digits exist. */
export function pinSpace(length: number): number {
  return 10 ** length;
}

/** How many live cards PINs of `length` digits may carry (MAX_PIN_SPACE_FILL of the space). */
export function maxLiveCardsForPinLength(length: number): number {
  return Math.floor(pinSpace(length) * MAX_PIN_SPACE_FILL);
}

/** Why `quantity` more cards do not fit beside `live` cards of the same PIN length, or null when they do. */
export function pinSpaceProblem(length: number, quantity: number, live: number): string | null {
  const max = maxLiveCardsForPinLength(length);
  if (live + quantity <= max) return null;
  return (
    `${length}-digit PINs can carry at most ${max.toLocaleString('en-US')} live cards ` +
    `(${live.toLocaleString('en-US')} exist); choose a longer PIN or a smaller quantity`
  );
}

/**
 * The odds of one blind guess hitting a given card, as the series form shows them ("1 in 100,000"), with a warning for
 * short PINs; null for PINs long enough not to need one.
 */
export function pinGuessingOdds(length: number): string | null {
  if (!isPinLength(length) || length >= SHORT_PIN_LENGTH) return null;
  return (
    `A ${length}-digit PIN has ${pinSpace(length).toLocaleString('en-US')} combinations: one guess in ` +
    `${pinSpace(length).toLocaleString('en-US')} finds a given card. Longer PINs are safer.`
  );
}

/** A PIN grouped by four for reading aloud or printing: `1234 5678 9012`. */
export function groupPin(pin: string): string {
  return pin.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A typed or pasted PIN with spaces and dashes removed, or null when what is left is not 5 to 20 digits. */
export function normalizePinInput(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^[0-9]+$/.test(digits) && isPinLength(digits.length) ? digits : null;
}
