import BetterSqlite3, { type Database } from 'better-sqlite3';
import { dirname } from 'node:path';
import { createPrivateFolder, makePrivateFile } from '../app/private-files';
import type { Migration } from './migration';
import { migrate, type MigrationReport } from './migrate';
import { migrations as allMigrations } from './migrations';
import { DEFAULT_WAL_CHECKPOINT, WalCheckpointer, type WalCheckpointOptions } from './wal-checkpointer';

/** An open local database and what its migration run did. */
export interface LocalDatabase {
  readonly db: Database;
  readonly migration: MigrationReport;
  readonly sqliteVersion: string;
  /** The background WAL checkpoint (null when turned off). */
  readonly checkpointer: WalCheckpointer | null;
  close(): void;
}

/**
 * Opens (creating if needed) the terminal's SQLite ledger: WAL journal, `synchronous=FULL` (money must survive a
 * power cut), foreign keys on, a busy timeout; then applies pending migrations. WAL checkpoints run in the background
 * when the database is idle, not inside a commit (see WalCheckpointer); `walCheckpoint: false` leaves SQLite's default.
 */
export function openLocalDatabase(
  file: string,
  migrations: readonly Migration[] = allMigrations,
  options: {
    readonly nativeBinding?: string | undefined;
    readonly walCheckpoint?: WalCheckpointOptions | false | undefined;
  } = {},
): LocalDatabase {
  createPrivateFolder(dirname(file));
  // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
  makePrivateFile(file);
  // Under `npm start` Electron loads a better-sqlite3 build made for its own ABI (see scripts/electron-sqlite-binding).
  const db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const migration = migrate(db, migrations);
    const sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    const checkpointer =
      options.walCheckpoint === false
        ? null
        : new WalCheckpointer(db, options.walCheckpoint ?? DEFAULT_WAL_CHECKPOINT);
    checkpointer?.start();
    return {
      db,
      migration,
      sqliteVersion,
      checkpointer,
      close: () => {
        checkpointer?.stop();
        db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
