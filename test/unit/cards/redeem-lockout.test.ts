import { describe, expect, it } from 'vitest';
import {
  FIRST_LOCK_SECONDS,
  LOCKOUT_THRESHOLDS,
  MAX_LOCK_SECONDS,
  lockSecondsAfter,
  type LockoutScope,
} from '../../../core/cards/redeem-lockout';

describe('card redemption lockout', () => {
  it('locks a customer after 5 failures, a terminal after 10, an address after 20', () => {
    expect(LOCKOUT_THRESHOLDS).toEqual({ customer: 5, terminal: 10, address: 20 });
    const cases: [LockoutScope, number][] = [
      ['customer', 5],
      ['terminal', 10],
      ['address', 20],
    ];
    for (const [scope, threshold] of cases) {
      expect(lockSecondsAfter(scope, 0), scope).toBe(0);
      expect(lockSecondsAfter(scope, threshold - 1), scope).toBe(0);
      expect(lockSecondsAfter(scope, threshold), scope).toBe(60);
    }
  });

  it('doubles the lock with each further failure, up to an hour', () => {
    expect(FIRST_LOCK_SECONDS).toBe(60);
    expect(MAX_LOCK_SECONDS).toBe(3600);
    const locks = Array.from({ length: 8 }, (_, i) => lockSecondsAfter('customer', 5 + i));
    expect(locks).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
    // Far past the threshold the lock stays capped (and finite).
    expect(lockSecondsAfter('terminal', 10_000)).toBe(3600);
    expect(lockSecondsAfter('address', Number.MAX_SAFE_INTEGER)).toBe(3600);
  });
});
