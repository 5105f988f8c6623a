import type { Migration } from '../migration';

/**
 * The audit of voucher sheets: one row per print or saved PDF (who, when, how many cards, the copy number, the reason
 * of a reprint, where it went), and per card how many times it was printed, so a second print is a COPY.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'card prints',
  up(db) {
    db.exec(`
      CREATE TABLE card_prints (
        id TEXT PRIMARY KEY,
        clerk_id TEXT NOT NULL,
        at TEXT NOT NULL,
        cards INTEGER NOT NULL CHECK (cards > 0),
        copy_number INTEGER NOT NULL CHECK (copy_number >= 1),
        reason TEXT,
        destination TEXT NOT NULL CHECK (destination IN ('printer', 'file')),
        printer TEXT,
        first_serial TEXT NOT NULL,
        last_serial TEXT NOT NULL,
        CHECK ((copy_number = 1) = (reason IS NULL))
      ) STRICT;
      CREATE TABLE card_print_counts (
        card_id TEXT PRIMARY KEY,
        prints INTEGER NOT NULL CHECK (prints >= 1)
      ) STRICT;
    `);
  },
};
