import type { Migration } from '../migration';

/**
 * The offline promise on the terminal (DESIGN 4): package versions and the floor-limits version the terminal last
 * pulled (an offline sale names them), the offline window's decisions (core/offline/offline-window.ts), each offline
 * command's claim, the clock offset to the server, and quarantined commands (refused by the server as a whole
 * request, kept aside for a manager so they never block the commands behind them).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'offline window, versions, quarantine',
  up(db) {
    db.exec(`
      ALTER TABLE packages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE terminal_identity ADD COLUMN limits_version INTEGER NOT NULL DEFAULT 1;
      -- Server clock minus this terminal's clock, ms, as measured at the last answer from the server.
      ALTER TABLE sync_state ADD COLUMN clock_offset_ms INTEGER;
      ALTER TABLE outbox ADD COLUMN offline_claim TEXT;
      ALTER TABLE acked_commands ADD COLUMN offline_claim TEXT;

      -- Every sale honoured under the offline rules, numbered in decision order. settled = 1 once the server answered
      -- it (or it was quarantined): the window starts at the oldest unsettled decision.
      CREATE TABLE offline_decisions (
        seq INTEGER PRIMARY KEY NOT NULL,
        command_id TEXT NOT NULL UNIQUE,
        retail_amount INTEGER NOT NULL,
        settled INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX offline_decisions_unsettled ON offline_decisions (seq) WHERE settled = 0;
      INSERT INTO counters (name, value) VALUES ('offline_seq', 0);

      CREATE TABLE quarantined_commands (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        clerk_id TEXT,
        offline INTEGER NOT NULL,
        offline_claim TEXT,
        debit INTEGER NOT NULL,
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        quarantined_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
