import type { Migration } from '../migration';

/**
 * The terminal's own operations: an immutable double-entry journal, the outbox of commands waiting for the
 * server, the log of acknowledged commands with their outcome, sales, and named counters (sale numbers).
 */
export const migration0004: Migration = {
  version: 4,
  name: 'journal, outbox, acks, sales, counters',
  up(db) {
    db.exec(`
      -- Immutable: rows are only inserted. A correction is a new entry pointing at the one it reverses.
      CREATE TABLE journal_entries (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        command_id TEXT NOT NULL,
        reverses_entry_id TEXT REFERENCES journal_entries (id),
        clerk_id TEXT,
        memo TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX journal_entries_command ON journal_entries (command_id);
      CREATE TABLE journal_postings (
        entry_id TEXT NOT NULL REFERENCES journal_entries (id),
        account TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        PRIMARY KEY (entry_id, account)
      ) STRICT;
      CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
        BEGIN SELECT RAISE(ABORT, 'journal entries are immutable'); END;
      CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
        BEGIN SELECT RAISE(ABORT, 'journal entries are immutable'); END;
      CREATE TRIGGER journal_postings_no_update BEFORE UPDATE ON journal_postings
        BEGIN SELECT RAISE(ABORT, 'journal postings are immutable'); END;
      CREATE TRIGGER journal_postings_no_delete BEFORE DELETE ON journal_postings
        BEGIN SELECT RAISE(ABORT, 'journal postings are immutable'); END;

      -- Commands waiting for the server's acknowledgement, pushed in seq order.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        clerk_id TEXT,
        offline INTEGER NOT NULL,
        -- What the server will debit from the reseller when it applies this command (minor units).
        debit INTEGER NOT NULL,
        -- Retail amount honoured under the offline rules (counts toward the offline total), else 0.
        offline_amount INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at TEXT
      ) STRICT;

      -- Commands the server acknowledged, with its outcome. balance_settled = 1 once a full pull that started
      -- after the acknowledgement has refreshed the server balance (so the debit is inside it).
      CREATE TABLE acked_commands (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        clerk_id TEXT,
        offline INTEGER NOT NULL,
        debit INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
        duplicate INTEGER NOT NULL,
        result TEXT,
        reason TEXT,
        message TEXT,
        acked_at TEXT NOT NULL,
        balance_settled INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX acked_unsettled ON acked_commands (balance_settled) WHERE balance_settled = 0;
      CREATE INDEX acked_rejected ON acked_commands (status, seq) WHERE status = 'rejected';

      CREATE TABLE sales (
        id TEXT PRIMARY KEY NOT NULL,
        sale_number TEXT NOT NULL UNIQUE,
        command_id TEXT NOT NULL UNIQUE,
        package_id TEXT NOT NULL,
        package_name TEXT NOT NULL,
        customer_account TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        currency TEXT NOT NULL,
        retail_amount INTEGER NOT NULL,
        wholesale_amount INTEGER NOT NULL,
        tendered_amount INTEGER,
        change_amount INTEGER,
        clerk_id TEXT,
        created_at TEXT NOT NULL,
        -- pending (just written) | queued (honoured offline) | confirmed (server applied) | reversed (server
        -- rejected, compensated) | in_doubt (no answer in time and over the offline rules: not handed over).
        status TEXT NOT NULL,
        server_status TEXT,
        reason TEXT,
        message TEXT
      ) STRICT;

      CREATE TABLE counters (
        name TEXT PRIMARY KEY NOT NULL,
        value INTEGER NOT NULL
      ) STRICT;
      INSERT INTO counters (name, value) VALUES ('sale_number', 0);
    `);
  },
};
