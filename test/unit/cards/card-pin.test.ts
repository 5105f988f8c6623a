import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PIN_LENGTH,
  groupPin,
  isPinLength,
  maxLiveCardsForPinLength,
  MIN_PIN_LENGTH,
  normalizePinInput,
  pinGuessingOdds,
  pinSpaceProblem,
  SHORT_PIN_LENGTH,
} from '../../../core/cards/card-pin';
import { lockSecondsAfter, LOCKOUT_THRESHOLDS } from '../../../core/cards/redeem-lockout';

describe('PIN rules', () => {
  it('allows lengths 5 to 20, default 12', () => {
    expect(DEFAULT_PIN_LENGTH).toBe(12);
    expect([4, 5, 12, 20, 21, 5.5].map(isPinLength)).toEqual([false, true, true, true, false, false]);
  });

  it('groups by four for reading', () => {
    expect(groupPin('123456789012')).toBe('1234 5678 9012');
    expect(groupPin('12345')).toBe('1234 5');
    expect(groupPin('1234')).toBe('1234');
  });

  it('normalizes typed PINs and refuses anything but 5-20 digits', () => {
    expect(normalizePinInput(' 1234 5678-9012 ')).toBe('123456789012');
    expect(normalizePinInput('1234')).toBeNull();
    expect(normalizePinInput('12a45')).toBeNull();
    expect(normalizePinInput('1'.repeat(21))).toBeNull();
  });

  it('shows guessing odds for short PINs only', () => {
    expect(pinGuessingOdds(5)).toContain('100,000');
    // It names the length, and the number of combinations both as the space and as the odds of one guess.
    const odds = pinGuessingOdds(5)!;
    expect(odds).toContain('5-digit');
    expect(odds.split('100,000').length - 1).toBe(2);
    expect(pinGuessingOdds(9)).toContain('1,000,000,000');
    expect(pinGuessingOdds(12)).toBeNull();
    // From SHORT_PIN_LENGTH on no warning; no odds for a length a series cannot have.
    expect(pinGuessingOdds(SHORT_PIN_LENGTH - 1)).not.toBeNull();
    expect(pinGuessingOdds(SHORT_PIN_LENGTH)).toBeNull();
    expect(pinGuessingOdds(MIN_PIN_LENGTH - 1)).toBeNull();
    expect(pinGuessingOdds(0)).toBeNull();
  });

  it('says clearly when the PIN space is too small for the quantity', () => {
    expect(maxLiveCardsForPinLength(5)).toBe(1_000);
    expect(pinSpaceProblem(5, 1_000, 0)).toBeNull();
    expect(pinSpaceProblem(5, 1_001, 0)).toMatch(/5-digit PINs can carry at most 1,000 live cards/);
    expect(pinSpaceProblem(5, 10, 995)).toMatch(/995 exist/);
    expect(pinSpaceProblem(12, 100_000, 0)).toBeNull();
  });
});

describe('redemption lockout rule', () => {
  it('locks from the threshold on, doubling, capped at an hour', () => {
    const t = LOCKOUT_THRESHOLDS.customer;
    expect(lockSecondsAfter('customer', t - 1)).toBe(0);
    expect(lockSecondsAfter('customer', t)).toBe(60);
    expect(lockSecondsAfter('customer', t + 1)).toBe(120);
    expect(lockSecondsAfter('customer', t + 100)).toBe(3600);
    expect(lockSecondsAfter('address', t)).toBe(0);
  });
});
