/** Retry delays for the sync loop: exponential backoff with full jitter, capped. */

/** Bounds of the retry delay. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

/** The default: 1 s doubling up to 60 s. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

/** Delay before retry number `attempt` (1 = first retry): uniform in [0, min(cap, base * 2^(attempt-1))]. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.floor(random() * exp);
}
