import type { Database } from 'better-sqlite3';

/** Setting keys the terminal services read from `app_settings` (values are JSON numbers). */
export const SETTING_KEYS = {
  /** Inactivity before the clerk session locks, minutes (default 5; 0 = never). */
  autoLockMinutes: 'session.autoLockMinutes',
  /** How long an online sale waits for the server's answer, ms (default 3000). */
  onlineWaitMs: 'sales.onlineWaitMs',
} as const;

/** Reads a numeric setting, falling back to `fallback` when absent or not a finite number. */
export function readNumberSetting(db: Database, key: string, fallback: number): number {
  const row = db.prepare('SELECT value FROM app_settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (!row) return fallback;
  try {
    const n = JSON.parse(row.value) as unknown;
    return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
  } catch {
    return fallback;
  }
}
