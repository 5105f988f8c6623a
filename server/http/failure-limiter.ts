import { AppError } from '../../core/app-error';

/** How many failures a key may have in a window before it is refused until the window ends. */
export interface FailureLimit {
  readonly maxFailures: number;
  readonly windowMs: number;
}

/** Failed bearer authentications per source address: wrong operator key, unknown terminal or customer token. */
export const AUTH_FAILURE_LIMIT: FailureLimit = { maxFailures: 30, windowMs: 60_000 };
/** Wrong enrollment codes per source address (codes carry ~59 bits and live a few days). */
export const ENROLLMENT_FAILURE_LIMIT: FailureLimit = { maxFailures: 10, windowMs: 10 * 60_000 };

/** The most keys kept; past it, expired windows are dropped, then the oldest ones. */
const MAX_KEYS = 100_000;

interface Window {
  count: number;
  readonly endsAt: number;
}

/**
 * Counts failures (never successes) per key in fixed windows, in this process's memory. Keys name what is limited:
 * a source address (`auth:203.0.113.7`) or a presented credential (`terminal:<id>`), so one check can cover
 * several. Memory, not PostgreSQL: an attacker's failures then cost no database write, and the limits are on
 * guessing, which N API instances only multiply by N (see SECURITY.md).
 */
export class FailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: FailureLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until every key in `keys` may try again; 0 when none has used up its failures. */
  blockedFor(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const w = this.windows.get(key);
      if (!w) continue;
      if (w.endsAt <= now) this.windows.delete(key);
      else if (w.count >= this.limit.maxFailures) wait = Math.max(wait, w.endsAt - now);
    }
    return wait;
  }

  /** Records one failure under each key; returns how long the caller must now wait (0 while under the limit). */
  fail(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      let w = this.windows.get(key);
      if (!w || w.endsAt <= now) {
        this.windows.delete(key);
        this.makeRoom(now);
        w = { count: 0, endsAt: now + this.limit.windowMs };
        this.windows.set(key, w);
      }
      w.count += 1;
      if (w.count > this.limit.maxFailures) wait = Math.max(wait, w.endsAt - now);
    }
    return wait;
  }

  /**
   * Takes back one failure recorded under each key (an attempt counted up front, before the slow check, that turned
   * out to succeed).
   */
  refund(keys: readonly string[]): void {
    for (const key of keys) {
      const w = this.windows.get(key);
      if (w && w.count > 0) w.count -= 1;
    }
  }

  /** Keeps the map bounded: an attacker with many addresses cannot grow it without end. */
  private makeRoom(now: number): void {
    if (this.windows.size < MAX_KEYS) return;
    for (const [key, w] of this.windows) if (w.endsAt <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size < MAX_KEYS) break;
      this.windows.delete(key);
    }
  }
}

/** The 429 answer: `rate_limited` with `retry_after` in whole seconds (also sent as the Retry-After header). */
export function rateLimited(waitMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('rate_limited', `too many failed attempts; try again in ${retryAfter} s`, {
    retry_after: retryAfter,
  });
}
