/** PIN and sign-in lockout rules for clerks (pure: the service stores hashes and attempt counts). */
import type { ClerkRole } from '../contract/types/clerks';

/** Any PIN the contract accepts: 4 to 8 digits (a manager's must also meet MANAGER_MIN_PIN_LENGTH). */
export const CLERK_PIN_PATTERN = /^[0-9]{4,8}$/;

/**
 * Fewest digits in a manager's PIN. Managers add clerks and see every sale, so their PIN gets 100 times the guesses
 * of a 4-digit one.
 */
export const MANAGER_MIN_PIN_LENGTH = 6;

/** Wrong PINs in a row before the clerk is locked out. */
export const MAX_FAILED_PINS = 5;

/** How long the first lockout lasts, in ms; each further lockout before a correct PIN doubles it. */
export const PIN_LOCKOUT_MS = 60_000;

/**
 * The longest lockout, in ms (24 h, reached at the 12th lockout in a row). At the cap a guesser gets 5 tries a day,
 * so a 4-digit PIN holds for years; a longer cap would only let anyone at the counter lock a colleague out for days
 * by typing wrong PINs, which is the denial of service we trade against.
 */
export const MAX_PIN_LOCKOUT_MS = 24 * 60 * 60_000;

/** True when `pin` is an acceptable clerk PIN (any role). */
export function isValidClerkPin(pin: string): boolean {
  return CLERK_PIN_PATTERN.test(pin);
}

/** True when `pin` is acceptable for a new clerk of `role`: 4–8 digits, and at least 6 for a manager. */
export function isValidPinForRole(pin: string, role: ClerkRole): boolean {
  return isValidClerkPin(pin) && (role !== 'manager' || pin.length >= MANAGER_MIN_PIN_LENGTH);
}

/** The message for a PIN refused by `isValidPinForRole`. */
export function pinRuleText(role: ClerkRole): string {
  return role === 'manager'
    ? `A manager's PIN is ${MANAGER_MIN_PIN_LENGTH} to 8 digits.`
    : 'A PIN is 4 to 8 digits.';
}

/** The state kept per clerk for rate limiting. */
export interface PinAttemptState {
  readonly failedAttempts: number;
  /** ms since epoch until which sign-in is refused, or null. */
  readonly lockedUntil: number | null;
  /** Lockouts since the last correct PIN; the next lockout lasts `lockoutDurationMs(lockouts + 1)`. */
  readonly lockouts: number;
}

/** The state of a clerk who never typed a wrong PIN (and of one who just typed the right one). */
export const CLEAN_PIN_STATE: PinAttemptState = { failedAttempts: 0, lockedUntil: null, lockouts: 0 };

/** How long the `nth` lockout in a row lasts (1 → PIN_LOCKOUT_MS, doubling, capped at MAX_PIN_LOCKOUT_MS). */
export function lockoutDurationMs(nth: number): number {
  // Past 2^31 the product is far beyond the cap anyway; clamping keeps it a finite number.
  const doublings = Math.min(Math.max(0, nth - 1), 31);
  return Math.min(PIN_LOCKOUT_MS * 2 ** doublings, MAX_PIN_LOCKOUT_MS);
}

/** True while a lockout is in force. */
export function isLockedOut(state: Pick<PinAttemptState, 'lockedUntil'>, now: number): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

/**
 * The state after one sign-in attempt: success resets everything; the MAX_FAILED_PINS-th failure in a row locks, for
 * twice as long as the lockout before it (the lockout count survives the lockout's end until a correct PIN).
 */
export function afterPinAttempt(state: PinAttemptState, success: boolean, now: number): PinAttemptState {
  if (success) return CLEAN_PIN_STATE;
  const expired = state.lockedUntil !== null && now >= state.lockedUntil;
  const failed = (expired ? 0 : state.failedAttempts) + 1;
  if (failed < MAX_FAILED_PINS)
    return {
      failedAttempts: failed,
      lockedUntil: expired ? null : state.lockedUntil,
      lockouts: state.lockouts,
    };
  const lockouts = state.lockouts + 1;
  return { failedAttempts: 0, lockedUntil: now + lockoutDurationMs(lockouts), lockouts };
}

/** "45 s", "3 min 20 s", "2 h 5 min": how long until a lockout ends, for the sign-in screen and error messages. */
export function formatWait(ms: number): string {
  const totalSeconds = Math.max(1, Math.ceil(ms / 1000));
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** True when the session idled past its auto-lock timeout. */
export function isSessionExpired(lastActivityMs: number, autoLockMs: number, now: number): boolean {
  return autoLockMs > 0 && now - lastActivityMs >= autoLockMs;
}
