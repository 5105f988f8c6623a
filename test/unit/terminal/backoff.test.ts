import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../core/offline/backoff';

describe('sync retry backoff', () => {
  it('grows exponentially up to the cap (upper bounds with random = 1)', () => {
    const max = (n: number) => backoffDelay(n, DEFAULT_BACKOFF, () => 0.999999);
    expect(max(1)).toBe(999);
    expect(max(2)).toBe(1_999);
    expect(max(6)).toBe(31_999);
    expect(max(7)).toBe(59_999);
    expect(max(1_000)).toBe(59_999);
  });
  it('property: full jitter stays within [0, min(cap, base * 2^(n-1))]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        (n, r) => {
          const d = backoffDelay(n, DEFAULT_BACKOFF, () => r);
          expect(Number.isInteger(d)).toBe(true);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(Math.min(60_000, 1_000 * 2 ** (n - 1)));
        },
      ),
    );
  });
});
