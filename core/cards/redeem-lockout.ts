/**
 * Lockout after failed card redemptions, kept per scope (terminal, customer account, source address). Pure: the
 * server stores the counters in PostgreSQL and asks this rule how long a key stays locked.
 */

/** What a failure counter is kept for. */
export type LockoutScope = 'terminal' | 'customer' | 'address';

/** Failures a scope may make within one window before it is locked. */
export const LOCKOUT_THRESHOLDS: Readonly<Record<LockoutScope, number>> = {
  customer: 5,
  terminal: 10,
  // Many customers may share one address (a shop, a carrier NAT): locked later.
  address: 20,
};

/** A failure counter starts again this long after its first failure (when not locked). */
export const LOCKOUT_WINDOW_SECONDS = 3600;
/** The first lock lasts this long; each further failure while over the threshold doubles it. */
export const FIRST_LOCK_SECONDS = 60;
/** No lock lasts longer than this. */
export const MAX_LOCK_SECONDS = 3600;

/** How long to lock a key after its `failures`-th failure in the window (0: not locked). */
export function lockSecondsAfter(scope: LockoutScope, failures: number): number {
  const over = failures - LOCKOUT_THRESHOLDS[scope];
  if (over < 0) return 0;
  return Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** Math.min(over, 16));
}
