import type { Migration } from '../migration';

/**
 * Whether the clerk saw each sale's outcome. `app_runs` numbers every start of the app (one per data folder at a
 * time, see the folder lock); a trigger stamps each new sale with the run that made it, in the sale's own
 * transaction, so no code path that writes sales can forget it. The Sell screen acknowledges the outcome it showed
 * (`shown_at`); a sale of an earlier run never acknowledged (the app was killed while it waited for the server) is
 * listed for the clerk until marked dealt with. Sales made before this migration have no row: nobody can tell
 * whether their outcome was seen, and listing the whole history would bury the real cases.
 *
 * A later migration that rebuilds `sales` must recreate `sales_stamp_run`.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'app runs and sale outcomes shown',
  up(db) {
    db.exec(`
      CREATE TABLE app_runs (
        run INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        app_version TEXT NOT NULL,
        host TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER app_runs_no_update BEFORE UPDATE ON app_runs
        BEGIN SELECT RAISE(ABORT, 'app runs are a log'); END;

      CREATE TABLE sale_outcomes (
        sale_id TEXT PRIMARY KEY NOT NULL REFERENCES sales (id),
        -- The run that made the sale; null when no run was recorded (a database used outside the app).
        run INTEGER REFERENCES app_runs (run),
        shown_at TEXT,
        shown_outcome TEXT CHECK (shown_outcome IN ('confirmed', 'queued', 'rejected', 'refused')),
        shown_by TEXT,
        dealt_with_at TEXT,
        dealt_with_by TEXT
      ) STRICT;
      -- The sales still waiting for a look: few rows, so the list and its count stay cheap with 100k sales.
      CREATE INDEX sale_outcomes_open ON sale_outcomes (run) WHERE shown_at IS NULL AND dealt_with_at IS NULL;
      CREATE TRIGGER sales_stamp_run AFTER INSERT ON sales BEGIN
        INSERT INTO sale_outcomes (sale_id, run) VALUES (NEW.id, (SELECT MAX(run) FROM app_runs));
      END;
    `);
  },
};
