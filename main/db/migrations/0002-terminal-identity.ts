import type { Migration } from '../migration';

/** The enrolled terminal's identity (one row): ids, names, prefixes, floor limits, API url, encrypted token. */
export const migration0002: Migration = {
  version: 2,
  name: 'terminal identity',
  up(db) {
    db.exec(`
      CREATE TABLE terminal_identity (
        singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
        terminal_id TEXT NOT NULL,
        terminal_name TEXT NOT NULL,
        reseller_id TEXT NOT NULL,
        reseller_name TEXT NOT NULL,
        currency TEXT NOT NULL,
        sale_prefix TEXT NOT NULL,
        serial_prefix TEXT NOT NULL,
        floor_per_sale_max INTEGER NOT NULL,
        floor_total_offline_max INTEGER NOT NULL,
        floor_max_hours_since_sync INTEGER NOT NULL,
        api_url TEXT NOT NULL,
        -- The bearer token, encrypted by a SecretBox (never stored in plain text).
        token_blob BLOB NOT NULL,
        token_box_kind TEXT NOT NULL,
        enrolled_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
