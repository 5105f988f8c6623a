/** PIN and sign-in lockout rules for clerks (pure: the service stores hashes and attempt counts). */

/** A clerk PIN: 4 to 8 digits. */
export const CLERK_PIN_PATTERN = /^[0-9]{4,8}$/;

/** Wrong PINs in a row before the clerk is locked out. */
export const MAX_FAILED_PINS = 5;

/** How long a lockout lasts, in ms. */
export const PIN_LOCKOUT_MS = 60_000;

/** True when `pin` is an acceptable clerk PIN. */
export function isValidClerkPin(pin: string): boolean {
  return CLERK_PIN_PATTERN.test(pin);
}

/** The state kept per clerk for rate limiting. */
export interface PinAttemptState {
  readonly failedAttempts: number;
  /** ms since epoch until which sign-in is refused, or null. */
  readonly lockedUntil: number | null;
}

/** True while a lockout is in force. */
export function isLockedOut(state: PinAttemptState, now: number): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

/** The state after one sign-in attempt: success resets; the MAX_FAILED_PINS-th failure in a row locks. */
export function afterPinAttempt(state: PinAttemptState, success: boolean, now: number): PinAttemptState {
  if (success) return { failedAttempts: 0, lockedUntil: null };
  const expired = state.lockedUntil !== null && now >= state.lockedUntil;
  const failed = (expired ? 0 : state.failedAttempts) + 1;
  return failed >= MAX_FAILED_PINS
    ? { failedAttempts: 0, lockedUntil: now + PIN_LOCKOUT_MS }
    : { failedAttempts: failed, lockedUntil: expired ? null : state.lockedUntil };
}

/** True when the session idled past its auto-lock timeout. */
export function isSessionExpired(lastActivityMs: number, autoLockMs: number, now: number): boolean {
  return autoLockMs > 0 && now - lastActivityMs >= autoLockMs;
}
