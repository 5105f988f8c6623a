import type { Migration } from '../migration';

/**
 * The terminal's blocked state, kept with its identity so it survives restarts: why the central API stopped serving
 * it (revoked, token refused, reseller suspended) and since when. Null while the terminal is in good standing.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'terminal block',
  up(db) {
    db.exec(`
      ALTER TABLE terminal_identity ADD COLUMN blocked_reason TEXT
        CHECK (blocked_reason IN ('revoked', 'suspended', 'token_refused'));
      ALTER TABLE terminal_identity ADD COLUMN blocked_at TEXT;
    `);
  },
};
