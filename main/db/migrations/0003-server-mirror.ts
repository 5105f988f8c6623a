import type { Migration } from '../migration';

/** The mirror of server state as last pulled: reseller balance, packages catalog, sync cursor and contact state. */
export const migration0003: Migration = {
  version: 3,
  name: 'server mirror and sync state',
  up(db) {
    db.exec(`
      CREATE TABLE server_balance (
        singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
        reseller_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        balance INTEGER NOT NULL,
        seq TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE packages (
        id TEXT PRIMARY KEY NOT NULL,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        face_value INTEGER NOT NULL,
        wholesale_price INTEGER NOT NULL,
        retail_price INTEGER NOT NULL,
        currency TEXT NOT NULL,
        validity_days INTEGER,
        active INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        seq TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_state (
        singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
        cursor TEXT NOT NULL DEFAULT '0',
        last_sync_at TEXT,
        -- 1 when the last contact with the server succeeded (the online-first path is taken), else 0.
        last_contact_online INTEGER NOT NULL DEFAULT 0,
        last_contact_at TEXT,
        last_error TEXT
      ) STRICT;
      INSERT INTO sync_state (singleton) VALUES (1);
    `);
  },
};
