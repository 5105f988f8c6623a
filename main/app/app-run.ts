import type { Database } from 'better-sqlite3';
import type { Clock } from '../ledger/ledger-types';

/** One start of the app on a data folder: sales it makes are stamped with `run` (see migration 9). */
export interface AppRun {
  /** Increases by one at every start. */
  readonly run: number;
  /** UTC ISO time the run started. */
  readonly startedAt: string;
}

/**
 * Records a new run of the app. Call once per start, after the data folder is locked and before any sale can be
 * made: the sales of earlier runs whose outcome no clerk saw are then the ones to list.
 */
export function recordAppRun(
  db: Database,
  clock: Clock,
  about: { readonly appVersion: string; readonly host: string },
): AppRun {
  const startedAt = new Date(clock()).toISOString();
  const { lastInsertRowid } = db
    .prepare('INSERT INTO app_runs (started_at, app_version, host) VALUES (?, ?, ?)')
    .run(startedAt, about.appVersion, about.host);
  return { run: Number(lastInsertRowid), startedAt };
}
