import type { Migration } from '../migration';

/**
 * Refunds asked for at this terminal: the refund id is the central API's idempotency key, kept from the first try
 * (`requested`) so a retry after a lost answer cannot refund twice; `done` once the server refunded, with its number,
 * the credits returned and the cash handed back (the sale's retail amount), for the refund receipt and the day's and
 * shift's cash.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'refunds',
  up(db) {
    db.exec(`
      CREATE TABLE refunds (
        id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL UNIQUE,
        clerk_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('requested', 'done')),
        refund_number TEXT,
        credits_returned INTEGER CHECK (credits_returned >= 0),
        cash_back INTEGER NOT NULL CHECK (cash_back >= 0),
        currency TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        refunded_at TEXT,
        CHECK ((state = 'done') = (refund_number IS NOT NULL AND refunded_at IS NOT NULL AND credits_returned IS NOT NULL))
      ) STRICT;
      CREATE INDEX refunds_refunded_at ON refunds (refunded_at) WHERE state = 'done';
    `);
  },
};
