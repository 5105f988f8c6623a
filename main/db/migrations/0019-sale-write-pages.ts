import type { Migration } from '../migration';

/**
 * Fewer pages written per sale (issue 15, item 5): every b-tree an insert touches is one more page in the WAL and one
 * more page to fsync, and an offline sale touched about 30. The tables written on every sale are rebuilt (SQLite's
 * 12-step: create the new table, copy every row, drop the old one, rename, recreate its indexes and triggers):
 *
 * - `sales`, `sale_outcomes`, `journal_entries`, `journal_postings` and `counters` are keyed by text, so they become
 *   WITHOUT ROWID: the row lives in its primary-key b-tree instead of a rowid table plus a unique index beside it.
 * - `sales_business_created` keeps only sales that are not purchased: a new sale is purchased, so it adds nothing
 *   there; the purchased filter walks `sales_created` newest first, since most sales are purchased.
 * - `sales.command_id` loses its unique index: no query reads a sale by its command, and the command's id is already
 *   unique in `outbox` and `acked_commands`. `sale_number` keeps its: receipt numbers must never repeat.
 * - `outbox` keeps AUTOINCREMENT (a `sqlite_sequence` page per insert): without it a seq is reused once the rows
 *   above it left, and a requeued command could then sort below a Sync screen page it was already listed on.
 * - The outbox's running totals (migration 7) move into three `counters` rows, on the page the sale number is already
 *   taken from, instead of a table of their own.
 * - `offline_decisions` keeps a running total of the retail amounts (`running_total`, decision 1 through this one), so
 *   the offline window's exposure is two point reads instead of a sum over every decision in the window.
 *
 * Runs with foreign keys off (the runner checks them before committing): dropping a parent table would otherwise
 * cascade into its children.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'fewer pages per sale',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      -- Triggers that name another rebuilt table go first (a rename checks every trigger), and come back at the end.
      DROP TRIGGER sales_stamp_run;
      DROP TRIGGER sales_note_customer_account;
      DROP TRIGGER outbox_totals_on_insert;
      DROP TRIGGER outbox_totals_on_delete;
      DROP TRIGGER outbox_totals_on_update;

      CREATE TABLE sales_new (
        id TEXT PRIMARY KEY NOT NULL,
        sale_number TEXT NOT NULL UNIQUE,
        command_id TEXT NOT NULL,
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
        status TEXT NOT NULL,
        server_status TEXT,
        reason TEXT,
        message TEXT,
        business_status TEXT GENERATED ALWAYS AS (
          CASE WHEN server_status IN ('refunded', 'activated') THEN server_status ELSE 'purchased' END
        ) VIRTUAL,
        sync_state TEXT GENERATED ALWAYS AS (
          CASE
            WHEN status IN ('confirmed', 'confirmed_after_refusal') THEN 'synced'
            WHEN status = 'reversed' THEN 'rejected'
            ELSE 'queued'
          END
        ) VIRTUAL,
        from_stock INTEGER NOT NULL DEFAULT 0 CHECK (from_stock IN (0, 1)),
        grant_used INTEGER CHECK (grant_used IN (0, 1)),
        grant_expires_at TEXT
      ) STRICT, WITHOUT ROWID;
      INSERT INTO sales_new (id, sale_number, command_id, package_id, package_name, customer_account, quantity,
          currency, retail_amount, wholesale_amount, tendered_amount, change_amount, clerk_id, created_at, status,
          server_status, reason, message, from_stock, grant_used, grant_expires_at)
        SELECT id, sale_number, command_id, package_id, package_name, customer_account, quantity, currency,
          retail_amount, wholesale_amount, tendered_amount, change_amount, clerk_id, created_at, status, server_status,
          reason, message, from_stock, grant_used, grant_expires_at FROM sales;
      DROP TABLE sales;
      ALTER TABLE sales_new RENAME TO sales;
      CREATE INDEX sales_created ON sales (created_at, id, customer_account);
      CREATE INDEX sales_clerk_created ON sales (clerk_id, created_at, id);
      CREATE INDEX sales_business_created ON sales (business_status, created_at, id)
        WHERE business_status <> 'purchased';
      CREATE INDEX sales_sync_created ON sales (sync_state, created_at, id);
      CREATE INDEX sales_customer_created ON sales (customer_account, created_at, id);
      CREATE INDEX sales_from_stock ON sales (package_id) WHERE from_stock = 1;

      CREATE TABLE sale_outcomes_new (
        sale_id TEXT PRIMARY KEY NOT NULL REFERENCES sales (id),
        run INTEGER REFERENCES app_runs (run),
        shown_at TEXT,
        shown_outcome TEXT CHECK (shown_outcome IN ('confirmed', 'queued', 'rejected', 'refused')),
        shown_by TEXT,
        dealt_with_at TEXT,
        dealt_with_by TEXT
      ) STRICT, WITHOUT ROWID;
      INSERT INTO sale_outcomes_new (sale_id, run, shown_at, shown_outcome, shown_by, dealt_with_at, dealt_with_by)
        SELECT sale_id, run, shown_at, shown_outcome, shown_by, dealt_with_at, dealt_with_by FROM sale_outcomes;
      DROP TABLE sale_outcomes;
      ALTER TABLE sale_outcomes_new RENAME TO sale_outcomes;
      CREATE INDEX sale_outcomes_open ON sale_outcomes (run) WHERE shown_at IS NULL AND dealt_with_at IS NULL;

      CREATE TABLE journal_entries_new (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        command_id TEXT NOT NULL,
        reverses_entry_id TEXT REFERENCES journal_entries (id),
        clerk_id TEXT,
        memo TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO journal_entries_new (id, kind, command_id, reverses_entry_id, clerk_id, memo, created_at)
        SELECT id, kind, command_id, reverses_entry_id, clerk_id, memo, created_at FROM journal_entries;
      DROP TABLE journal_entries;
      ALTER TABLE journal_entries_new RENAME TO journal_entries;
      CREATE INDEX journal_entries_command ON journal_entries (command_id);
      CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
        BEGIN SELECT RAISE(ABORT, 'journal entries are immutable'); END;
      CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
        BEGIN SELECT RAISE(ABORT, 'journal entries are immutable'); END;

      CREATE TABLE journal_postings_new (
        entry_id TEXT NOT NULL REFERENCES journal_entries (id),
        account TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        PRIMARY KEY (entry_id, account)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO journal_postings_new (entry_id, account, amount, currency)
        SELECT entry_id, account, amount, currency FROM journal_postings;
      DROP TABLE journal_postings;
      ALTER TABLE journal_postings_new RENAME TO journal_postings;
      CREATE TRIGGER journal_postings_no_update BEFORE UPDATE ON journal_postings
        BEGIN SELECT RAISE(ABORT, 'journal postings are immutable'); END;
      CREATE TRIGGER journal_postings_no_delete BEFORE DELETE ON journal_postings
        BEGIN SELECT RAISE(ABORT, 'journal postings are immutable'); END;

      CREATE TABLE counters_new (
        name TEXT PRIMARY KEY NOT NULL,
        value INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO counters_new (name, value) SELECT name, value FROM counters;
      INSERT INTO counters_new (name, value)
        SELECT 'outbox_debit', debit FROM outbox_totals WHERE singleton = 1
        UNION ALL SELECT 'outbox_offline_amount', offline_amount FROM outbox_totals WHERE singleton = 1
        UNION ALL SELECT 'outbox_count', n FROM outbox_totals WHERE singleton = 1;
      DROP TABLE counters;
      ALTER TABLE counters_new RENAME TO counters;
      DROP TABLE outbox_totals;

      CREATE TABLE outbox_new (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        clerk_id TEXT,
        offline INTEGER NOT NULL,
        debit INTEGER NOT NULL,
        offline_amount INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at TEXT,
        offline_claim TEXT
      ) STRICT;
      INSERT INTO outbox_new (seq, id, type, payload, created_at, clerk_id, offline, debit, offline_amount, attempts,
          last_attempt_at, offline_claim)
        SELECT seq, id, type, payload, created_at, clerk_id, offline, debit, offline_amount, attempts, last_attempt_at,
          offline_claim FROM outbox;
      -- The sequence goes on from the old table's, so no seq the outbox ever gave is given again.
      UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0))
        WHERE name = 'outbox_new';
      INSERT INTO sqlite_sequence (name, seq)
        SELECT 'outbox_new', seq FROM sqlite_sequence WHERE name = 'outbox'
           AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox_new');
      DROP TABLE outbox;
      ALTER TABLE outbox_new RENAME TO outbox;
      CREATE TABLE offline_decisions_new (
        seq INTEGER PRIMARY KEY NOT NULL,
        command_id TEXT NOT NULL UNIQUE,
        retail_amount INTEGER NOT NULL,
        settled INTEGER NOT NULL DEFAULT 0,
        -- Retail total of decisions 1 through this one: a window's exposure is the difference of two of them.
        running_total INTEGER NOT NULL
      ) STRICT;
      INSERT INTO offline_decisions_new (seq, command_id, retail_amount, settled, running_total)
        SELECT seq, command_id, retail_amount, settled, SUM(retail_amount) OVER (ORDER BY seq) FROM offline_decisions;
      DROP TABLE offline_decisions;
      ALTER TABLE offline_decisions_new RENAME TO offline_decisions;
      CREATE INDEX offline_decisions_unsettled ON offline_decisions (seq) WHERE settled = 0;

      CREATE TRIGGER sales_stamp_run AFTER INSERT ON sales BEGIN
        INSERT INTO sale_outcomes (sale_id, run) VALUES (NEW.id, (SELECT MAX(run) FROM app_runs));
      END;
      CREATE TRIGGER sales_note_customer_account AFTER INSERT ON sales BEGIN
        INSERT OR IGNORE INTO sale_customer_accounts (account) VALUES (NEW.customer_account);
      END;

      -- The outbox's running totals (debits, offline amounts, count), so the balance view costs the same with 5 or
      -- 5,000 commands waiting.
      CREATE TRIGGER outbox_totals_on_insert AFTER INSERT ON outbox BEGIN
        UPDATE counters SET value = value + CASE name
          WHEN 'outbox_debit' THEN NEW.debit WHEN 'outbox_offline_amount' THEN NEW.offline_amount ELSE 1 END
        WHERE name IN ('outbox_debit', 'outbox_offline_amount', 'outbox_count');
      END;
      CREATE TRIGGER outbox_totals_on_delete AFTER DELETE ON outbox BEGIN
        UPDATE counters SET value = value - CASE name
          WHEN 'outbox_debit' THEN OLD.debit WHEN 'outbox_offline_amount' THEN OLD.offline_amount ELSE 1 END
        WHERE name IN ('outbox_debit', 'outbox_offline_amount', 'outbox_count');
      END;
      CREATE TRIGGER outbox_totals_on_update AFTER UPDATE OF debit, offline_amount ON outbox BEGIN
        UPDATE counters SET value = value + CASE name
          WHEN 'outbox_debit' THEN NEW.debit - OLD.debit ELSE NEW.offline_amount - OLD.offline_amount END
        WHERE name IN ('outbox_debit', 'outbox_offline_amount');
      END;
    `);
  },
};
