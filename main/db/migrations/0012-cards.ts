import type { Migration } from '../migration';

/**
 * Top-up cards on the terminal: the cards mirror (fed by the change feed, plus cards drawn here from the PIN reserve
 * before the server knows them), the PINs this terminal holds (its own series and reserve draws, sealed with the
 * terminal's secret box; never plain), the PIN reserve itself, the audit of PIN reveals and exports, and the
 * redemptions made at this counter (a queued one keeps its PIN sealed until the server answered, then drops it).
 */
export const migration0012: Migration = {
  version: 12,
  name: 'cards',
  up(db) {
    db.exec(`
      CREATE TABLE cards (
        id TEXT PRIMARY KEY,
        serial TEXT NOT NULL UNIQUE,
        series_id TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        currency TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('new', 'activated', 'expired', 'void')),
        validity TEXT NOT NULL DEFAULT 'valid' CHECK (validity IN ('valid', 'not_yet_valid', 'void_rejected')),
        expires_at TEXT NOT NULL,
        activated_at TEXT,
        customer_id TEXT,
        created_at TEXT NOT NULL,
        batch_command_id TEXT
      ) STRICT;
      CREATE INDEX cards_series ON cards (series_id, serial);
      CREATE INDEX cards_status ON cards (status, serial);
      CREATE INDEX cards_batch ON cards (batch_command_id) WHERE batch_command_id IS NOT NULL;

      CREATE TABLE card_pins (
        card_id TEXT PRIMARY KEY,
        pin_sealed BLOB NOT NULL,
        pin_length INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE card_reserve (
        id TEXT PRIMARY KEY,
        serial TEXT NOT NULL UNIQUE,
        pin_length INTEGER NOT NULL,
        pin_sealed BLOB NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT;

      -- Reserve pairs of a rejected batch, to be given up on the server at the next top-up (never to be reused).
      CREATE TABLE card_reserve_releases (id TEXT PRIMARY KEY) STRICT;

      CREATE TABLE card_pin_audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('reveal', 'export')),
        card_id TEXT,
        cards INTEGER NOT NULL,
        clerk_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE redemptions (
        id TEXT PRIMARY KEY,
        customer_account TEXT NOT NULL,
        serial TEXT,
        pin_sealed BLOB,
        state TEXT NOT NULL CHECK (state IN ('pending', 'redeemed', 'failed')),
        amount INTEGER,
        currency TEXT,
        wallet_balance INTEGER,
        message TEXT,
        clerk_id TEXT,
        created_at TEXT NOT NULL,
        decided_at TEXT,
        CHECK ((state = 'pending') = (pin_sealed IS NOT NULL))
      ) STRICT;
      CREATE INDEX redemptions_pending ON redemptions (customer_account) WHERE state = 'pending';
    `);
  },
};
