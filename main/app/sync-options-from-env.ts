import type { SyncOptions } from './app-services';

/**
 * Sync loop tuning from the environment, for tests that cannot wait a minute: REFILL_SYNC_INTERVAL_MS (idle wait
 * between rounds) and REFILL_SYNC_MAX_BACKOFF_MS (longest retry delay). Undefined when neither is set.
 */
export function syncOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): SyncOptions | undefined {
  const idle = Number(env.REFILL_SYNC_INTERVAL_MS);
  const cap = Number(env.REFILL_SYNC_MAX_BACKOFF_MS);
  const options: { idleIntervalMs?: number; backoff?: { baseMs: number; capMs: number } } = {};
  if (Number.isInteger(idle) && idle > 0) options.idleIntervalMs = idle;
  if (Number.isInteger(cap) && cap > 0) options.backoff = { baseMs: Math.min(1000, cap), capMs: cap };
  return Object.keys(options).length > 0 ? options : undefined;
}
