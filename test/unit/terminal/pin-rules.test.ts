import { describe, expect, it } from 'vitest';
import {
  afterPinAttempt,
  isLockedOut,
  isSessionExpired,
  isValidClerkPin,
  MAX_FAILED_PINS,
  PIN_LOCKOUT_MS,
  type PinAttemptState,
} from '../../../core/clerks/pin-rules';

describe('clerk PIN rules', () => {
  it('accepts 4 to 8 digits only', () => {
    for (const ok of ['1234', '12345678', '0000']) expect(isValidClerkPin(ok)).toBe(true);
    for (const bad of ['123', '123456789', '12a4', ' 1234', '', '１２３４'])
      expect(isValidClerkPin(bad)).toBe(false);
  });
  it('locks after MAX_FAILED_PINS wrong PINs in a row, for PIN_LOCKOUT_MS', () => {
    let s: PinAttemptState = { failedAttempts: 0, lockedUntil: null };
    for (let i = 1; i < MAX_FAILED_PINS; i++) {
      s = afterPinAttempt(s, false, 1_000);
      expect(s).toEqual({ failedAttempts: i, lockedUntil: null });
    }
    s = afterPinAttempt(s, false, 1_000);
    expect(s.lockedUntil).toBe(1_000 + PIN_LOCKOUT_MS);
    expect(isLockedOut(s, 1_000 + PIN_LOCKOUT_MS - 1)).toBe(true);
    expect(isLockedOut(s, 1_000 + PIN_LOCKOUT_MS)).toBe(false);
  });
  it('a success resets the count; a failure after the lock expired starts over', () => {
    const s = afterPinAttempt({ failedAttempts: 3, lockedUntil: null }, true, 0);
    expect(s).toEqual({ failedAttempts: 0, lockedUntil: null });
    const after = afterPinAttempt({ failedAttempts: 0, lockedUntil: 500 }, false, 600);
    expect(after).toEqual({ failedAttempts: 1, lockedUntil: null });
  });
  it('expires a session after the inactivity timeout; 0 means never', () => {
    expect(isSessionExpired(0, 300_000, 299_999)).toBe(false);
    expect(isSessionExpired(0, 300_000, 300_000)).toBe(true);
    expect(isSessionExpired(0, 0, 10 ** 12)).toBe(false);
  });
});
