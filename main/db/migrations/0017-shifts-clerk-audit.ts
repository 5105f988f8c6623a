import type { Migration } from '../migration';

/**
 * Shifts (issue 13): one open shift per terminal (a partial unique index), its float and close counted by
 * denomination (JSON of core/shifts/denominations.ts `CashCount`), the Z-report frozen at close, the cash put in and
 * taken out of the drawer, and the audit of clerk management (who changed which clerk, how, when; immutable). A
 * shift's sync state is read from the outbox and acknowledged commands by its open and close command ids. Counters
 * number the shifts and the Z-reports.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'shifts, cash moves, clerk audit',
  up(db) {
    db.exec(`
      CREATE TABLE shifts (
        id TEXT PRIMARY KEY NOT NULL,
        number INTEGER NOT NULL UNIQUE,
        currency TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        implicit INTEGER NOT NULL CHECK (implicit IN (0, 1)),
        float INTEGER NOT NULL CHECK (float >= 0),
        float_count TEXT,
        open_command_id TEXT NOT NULL UNIQUE,
        closed_at TEXT,
        closed_by TEXT,
        z_number TEXT UNIQUE,
        counted INTEGER CHECK (counted >= 0),
        close_count TEXT,
        expected INTEGER,
        difference INTEGER,
        z_report TEXT,
        close_command_id TEXT UNIQUE,
        CHECK ((closed_at IS NULL) = (z_number IS NULL)),
        CHECK ((closed_at IS NULL) = (close_command_id IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX shifts_one_open ON shifts ((closed_at IS NULL)) WHERE closed_at IS NULL;

      CREATE TABLE shift_cash_moves (
        id TEXT PRIMARY KEY NOT NULL,
        shift_id TEXT NOT NULL REFERENCES shifts (id),
        kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
        amount INTEGER NOT NULL CHECK (amount > 0),
        reason TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX shift_cash_moves_shift ON shift_cash_moves (shift_id, at);

      CREATE TABLE clerk_audit (
        id TEXT PRIMARY KEY NOT NULL,
        at TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        action TEXT NOT NULL
          CHECK (action IN ('renamed', 'role_changed', 'deactivated', 'reactivated', 'pin_reset')),
        detail TEXT NOT NULL
      ) STRICT;
      CREATE INDEX clerk_audit_at ON clerk_audit (at);
      CREATE TRIGGER clerk_audit_no_update BEFORE UPDATE ON clerk_audit
        BEGIN SELECT RAISE(ABORT, 'the clerk audit is append-only'); END;
      CREATE TRIGGER clerk_audit_no_delete BEFORE DELETE ON clerk_audit
        BEGIN SELECT RAISE(ABORT, 'the clerk audit is append-only'); END;

      INSERT INTO counters (name, value) VALUES ('shift_number', 0), ('z_number', 0);
    `);
  },
};
