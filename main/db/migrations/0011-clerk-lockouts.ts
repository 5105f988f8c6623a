import type { Migration } from '../migration';

/**
 * Lockouts in a row per clerk, so each further lockout doubles the wait and a restart does not reset the count (a
 * correct PIN does).
 */
export const migration0011: Migration = {
  version: 11,
  name: 'clerk lockouts',
  up(db) {
    db.exec(`ALTER TABLE clerks ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0);`);
  },
};
