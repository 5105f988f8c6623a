import type { Migration } from '../migration';

/** The key/value store for terminal settings (printer, paper width, timeouts). */
export const migration0001: Migration = {
  version: 1,
  name: 'app settings',
  up(db) {
    db.exec(`
      CREATE TABLE app_settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
