import type { Database } from 'better-sqlite3';

/** One numbered, one-way schema change of the local database. */
export interface Migration {
  /** Strictly increasing from 1, with no gaps. */
  readonly version: number;
  /** What the migration does, in a few words. */
  readonly name: string;
  /** Applies the change; runs inside the runner's transaction. */
  readonly up: (db: Database) => void;
}
