import type { Migration } from '../migration';

/**
 * The wallet's local rows: notices from the change feed (balance alerts, auto top-ups), kept so they survive a
 * restart, once each by their id; and the purchases and transfers asked for at this terminal, whose client-made id is
 * the central API's idempotency key, kept from the first try (`requested`) until the API answers, so a retry after a
 * lost answer finishes the same one and never charges or moves twice. At most one of each kind waits at a time.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'wallet',
  up(db) {
    db.exec(`
      CREATE TABLE wallet_notices (
        notice_id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        currency TEXT NOT NULL,
        balance INTEGER NOT NULL,
        amount INTEGER,
        message TEXT NOT NULL,
        created_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        seq TEXT NOT NULL
      ) STRICT;
      CREATE INDEX wallet_notices_created ON wallet_notices (created_at);
      CREATE TABLE wallet_requests (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('purchase', 'transfer')),
        payload TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('requested', 'answered')),
        result TEXT,
        requested_at TEXT NOT NULL,
        answered_at TEXT,
        CHECK ((state = 'answered') = (result IS NOT NULL AND answered_at IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX wallet_requests_one_waiting ON wallet_requests (kind) WHERE state = 'requested';
    `);
  },
};
