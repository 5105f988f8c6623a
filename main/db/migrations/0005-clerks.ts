import type { Migration } from '../migration';

/** Clerks of this terminal: role, scrypt PIN hash, and the sign-in rate-limit state. */
export const migration0005: Migration = {
  version: 5,
  name: 'clerks',
  up(db) {
    db.exec(`
      CREATE TABLE clerks (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'manager')),
        pin_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        created_at TEXT NOT NULL,
        created_by TEXT
      ) STRICT;
      CREATE UNIQUE INDEX clerks_name ON clerks (name COLLATE NOCASE) WHERE active = 1;
    `);
  },
};
