import type { Database } from 'better-sqlite3';
import { AppError } from '../../core/app-error';
import type { Migration } from './migration';

/** What a migration run did. */
export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly number[];
}

/** Checks the list is numbered 1..n with no gaps, so a bad build fails loudly rather than skipping a step. */
function checkOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration list out of order at index ${i}: version ${m.version}`);
  });
}

/** Rows whose foreign key points at nothing (a table-rebuilding migration must not add any). */
function brokenForeignKeys(db: Database): number {
  return (db.pragma('foreign_key_check') as unknown[]).length;
}

/**
 * Brings the database up to the newest migration. Each migration runs in its own transaction together with the
 * `user_version` bump, so a crash leaves the database at a whole version. A database written by a newer build
 * (user_version above what this build knows) is refused and left untouched.
 */
export function migrate(db: Database, list: readonly Migration[]): MigrationReport {
  checkOrder(list);
  const latest = list.length;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) {
    throw new AppError(
      'database_too_new',
      `This data folder was written by a newer Refill Desk (schema ${from}; this build knows up to ${latest}). Update the app.`,
      { schemaVersion: from, latestSchemaVersion: latest },
    );
  }
  const applied: number[] = [];
  for (const m of list.slice(from)) {
    // The pragma is a no-op inside a transaction, so it is set around it.
    const keysWereOn = m.rebuildsTables === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysWereOn) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        // Counted before too: a row broken by an older build must not stop the upgrade, only new ones.
        const brokenBefore = m.rebuildsTables ? brokenForeignKeys(db) : 0;
        m.up(db);
        if (m.rebuildsTables && brokenForeignKeys(db) > brokenBefore)
          throw new Error(`migration ${m.version} left rows pointing at nothing; nothing was changed`);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } finally {
      if (keysWereOn) db.pragma('foreign_keys = ON');
    }
    applied.push(m.version);
  }
  return { from, to: latest, applied };
}
