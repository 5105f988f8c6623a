import type { Database } from 'better-sqlite3';

/** One numbered, one-way schema change of the local database. */
export interface Migration {
  /** Strictly increasing from 1, with no gaps. */
  readonly version: number;
  /** What the migration does, in a few words. */
  readonly name: string;
  /**
   * True for a migration that rebuilds tables (SQLite's 12-step: create, copy, drop, rename): the runner turns foreign
   * keys off around it, since dropping a parent table would otherwise touch its children, and checks every foreign
   * key before committing.
   */
  readonly rebuildsTables?: boolean;
  /** Applies the change; runs inside the runner's transaction. */
  readonly up: (db: Database) => void;
}
