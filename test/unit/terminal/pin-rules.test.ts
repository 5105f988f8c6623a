import { describe, expect, it } from 'vitest';
import {
  afterPinAttempt,
  CLEAN_PIN_STATE,
  formatWait,
  isLockedOut,
  isSessionExpired,
  isValidClerkPin,
  isValidPinForRole,
  lockoutDurationMs,
  MANAGER_MIN_PIN_LENGTH,
  MAX_FAILED_PINS,
  MAX_PIN_LOCKOUT_MS,
  PIN_LOCKOUT_MS,
  pinRuleText,
  type PinAttemptState,
} from '../../../core/clerks/pin-rules';

/** Types MAX_FAILED_PINS wrong PINs at `now`; answers the state after the lockout they cause. */
function lockOnce(s: PinAttemptState, now: number): PinAttemptState {
  for (let i = 0; i < MAX_FAILED_PINS; i++) s = afterPinAttempt(s, false, now);
  return s;
}

describe('clerk PIN rules', () => {
  it('accepts 4 to 8 digits only', () => {
    for (const ok of ['1234', '12345678', '0000']) expect(isValidClerkPin(ok)).toBe(true);
    for (const bad of ['123', '123456789', '12a4', ' 1234', '', '１２３４'])
      expect(isValidClerkPin(bad)).toBe(false);
  });
  it('requires 6 to 8 digits for a manager, 4 to 8 for a clerk', () => {
    expect(isValidPinForRole('1234', 'clerk')).toBe(true);
    expect(isValidPinForRole('1234', 'manager')).toBe(false);
    expect(isValidPinForRole('12345', 'manager')).toBe(false);
    expect(isValidPinForRole('123456', 'manager')).toBe(true);
    expect(isValidPinForRole('12345678', 'manager')).toBe(true);
    expect(isValidPinForRole('123456789', 'manager')).toBe(false);
  });
  it('states the PIN rule of the role whose PIN was refused', () => {
    const manager = pinRuleText('manager');
    const clerk = pinRuleText('clerk');
    expect(manager).toContain(`${MANAGER_MIN_PIN_LENGTH} to 8 digits`);
    expect(clerk).toContain('4 to 8 digits');
    expect(manager).not.toBe(clerk);
  });
  it('never locks for less than PIN_LOCKOUT_MS, whatever the lockout count says', () => {
    expect(lockoutDurationMs(1)).toBe(PIN_LOCKOUT_MS);
    expect(lockoutDurationMs(0)).toBe(PIN_LOCKOUT_MS);
    expect(lockoutDurationMs(-3)).toBe(PIN_LOCKOUT_MS);
  });
  it('keeps a lockout in force when a wrong PIN is recorded during it', () => {
    const locked = lockOnce(CLEAN_PIN_STATE, 1_000);
    const during = afterPinAttempt(locked, false, 1_000 + PIN_LOCKOUT_MS - 1);
    expect(during).toEqual({ failedAttempts: 1, lockedUntil: locked.lockedUntil, lockouts: 1 });
    expect(isLockedOut(during, 1_000 + PIN_LOCKOUT_MS - 1)).toBe(true);
  });
  it('starts a new count with a wrong PIN typed the moment the lockout ends', () => {
    const locked = lockOnce(CLEAN_PIN_STATE, 1_000);
    const end = locked.lockedUntil!;
    expect(afterPinAttempt(locked, false, end)).toEqual({
      failedAttempts: 1,
      lockedUntil: null,
      lockouts: 1,
    });
  });
  it('locks after MAX_FAILED_PINS wrong PINs in a row, for PIN_LOCKOUT_MS the first time', () => {
    let s: PinAttemptState = CLEAN_PIN_STATE;
    for (let i = 1; i < MAX_FAILED_PINS; i++) {
      s = afterPinAttempt(s, false, 1_000);
      expect(s).toEqual({ failedAttempts: i, lockedUntil: null, lockouts: 0 });
    }
    s = afterPinAttempt(s, false, 1_000);
    expect(s).toEqual({ failedAttempts: 0, lockedUntil: 1_000 + PIN_LOCKOUT_MS, lockouts: 1 });
    expect(isLockedOut(s, 1_000 + PIN_LOCKOUT_MS - 1)).toBe(true);
    expect(isLockedOut(s, 1_000 + PIN_LOCKOUT_MS)).toBe(false);
  });
  it('doubles each further lockout until a correct PIN, capped at 24 h', () => {
    let s = CLEAN_PIN_STATE;
    let now = 0;
    const waits: number[] = [];
    for (let n = 0; n < 14; n++) {
      s = lockOnce(s, now);
      waits.push(s.lockedUntil! - now);
      now = s.lockedUntil!;
    }
    expect(waits.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(waits[10]).toBe(60_000 * 1024);
    expect(waits[11]).toBe(MAX_PIN_LOCKOUT_MS);
    expect(waits[13]).toBe(MAX_PIN_LOCKOUT_MS);
    expect(lockoutDurationMs(1_000)).toBe(MAX_PIN_LOCKOUT_MS);
    expect(afterPinAttempt(s, true, now)).toEqual(CLEAN_PIN_STATE);
    expect(lockOnce(CLEAN_PIN_STATE, now).lockedUntil).toBe(now + PIN_LOCKOUT_MS);
  });
  it('a success resets the count; a failure after the lock expired starts a new count but keeps the lockouts', () => {
    const s = afterPinAttempt({ failedAttempts: 3, lockedUntil: null, lockouts: 2 }, true, 0);
    expect(s).toEqual(CLEAN_PIN_STATE);
    const after = afterPinAttempt({ failedAttempts: 0, lockedUntil: 500, lockouts: 2 }, false, 600);
    expect(after).toEqual({ failedAttempts: 1, lockedUntil: null, lockouts: 2 });
  });
  it('formats the remaining wait', () => {
    expect(formatWait(0)).toBe('1 s');
    expect(formatWait(1)).toBe('1 s');
    expect(formatWait(59_001)).toBe('1 min');
    expect(formatWait(3_600_000)).toBe('1 h');
    expect(formatWait(3_600_000 + 1_000)).toBe('1 h');
    expect(formatWait(45_000)).toBe('45 s');
    expect(formatWait(60_000)).toBe('1 min');
    expect(formatWait(200_000)).toBe('3 min 20 s');
    expect(formatWait(2 * 3600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatWait(MAX_PIN_LOCKOUT_MS)).toBe('24 h');
  });
  it('expires a session after the inactivity timeout; 0 means never', () => {
    expect(isSessionExpired(0, 300_000, 299_999)).toBe(false);
    expect(isSessionExpired(0, 300_000, 300_000)).toBe(true);
    expect(isSessionExpired(0, 0, 10 ** 12)).toBe(false);
    const last = Date.UTC(2026, 10, 30, 9, 0);
    expect(isSessionExpired(last, 300_000, last + 299_999)).toBe(false);
    expect(isSessionExpired(last, 300_000, last + 300_000)).toBe(true);
  });
});
