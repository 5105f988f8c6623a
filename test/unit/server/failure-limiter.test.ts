import { describe, expect, it } from 'vitest';
import { FailureLimiter, rateLimited } from '../../../server/http/failure-limiter';

/** The in-memory failure limiter behind the API's 429s, on an injected clock. */
describe('FailureLimiter', () => {
  function limiter(maxFailures = 3, windowMs = 1000) {
    let now = 10_000;
    const l = new FailureLimiter({ maxFailures, windowMs }, () => now);
    return { l, at: (ms: number) => (now = ms) };
  }

  it('lets a key fail up to its limit, then makes it wait until its window ends', () => {
    const { l, at } = limiter();
    expect(l.blockedFor(['a'])).toBe(0);
    expect([l.fail(['a']), l.fail(['a']), l.fail(['a'])]).toEqual([0, 0, 0]);
    expect(l.blockedFor(['a'])).toBe(1000);
    at(10_400);
    expect(l.blockedFor(['a'])).toBe(600);
    expect(l.fail(['a'])).toBe(600);
    // Other keys are not affected; the longest wait of several keys counts.
    expect(l.blockedFor(['b'])).toBe(0);
    expect(l.blockedFor(['b', 'a'])).toBe(600);
    at(11_000);
    expect(l.blockedFor(['a'])).toBe(0);
    // A new window starts counting from zero.
    expect(l.fail(['a'])).toBe(0);
    expect(l.blockedFor(['a'])).toBe(0);
  });

  it('records one failure under every key named, and refunds an attempt that succeeded', () => {
    const { l } = limiter(2);
    l.fail(['addr', 'token']);
    l.fail(['addr', 'token']);
    expect(l.blockedFor(['token'])).toBe(1000);
    l.refund(['token', 'unknown']);
    expect(l.blockedFor(['token'])).toBe(0);
    expect(l.blockedFor(['addr'])).toBe(1000);
    l.refund(['token']);
    l.refund(['token']);
    // Never below zero: two more failures are needed to block again.
    l.fail(['token']);
    expect(l.blockedFor(['token'])).toBe(0);
    l.fail(['token']);
    expect(l.blockedFor(['token'])).toBe(1000);
  });

  it('answers 429 rate_limited with the wait in whole seconds, at least one', () => {
    expect(rateLimited(1).toShape()).toEqual({
      code: 'rate_limited',
      message: 'too many failed attempts; try again in 1 s',
      details: { retry_after: 1 },
    });
    expect(rateLimited(0).toShape().details).toEqual({ retry_after: 1 });
    expect(rateLimited(59_001).toShape().details).toEqual({ retry_after: 60 });
  });
});
