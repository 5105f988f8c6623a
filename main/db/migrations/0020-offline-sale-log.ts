import type { Migration } from '../migration';

/**
 * The offline sale log (issue 15, item 5: fewer pages per sale). An offline sale commits as one row here, durably,
 * instead of a row in each of the eighteen b-trees its sale, journal entry, postings, outbox command and offline
 * decision touch. `LocalLedger` spreads the log into those tables in one transaction for many sales: before any other
 * statement on the connection reads or writes (so nothing ever sees the tables without the sales the log holds), when
 * the log reaches its batch size, and when the ledger opens after a crash.
 *
 * The columns beside `body` are what the next offline sale's checks read before the log is spread: the sale number and
 * offline decision each sale took, and running totals (of the offline window, and of the log's debits), so the figures
 * come from the last row and the count from the first and last `n`. `body` is the rest, as JSON. No index: the log
 * holds at most one batch, and is read in full only when it is spread.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'offline sale log',
  up(db) {
    db.exec(`
      CREATE TABLE offline_sale_log (
        n INTEGER PRIMARY KEY,
        sale_id TEXT NOT NULL,
        sale_number INTEGER NOT NULL,
        decision_seq INTEGER NOT NULL,
        running_total INTEGER NOT NULL,
        -- Debits of the log's commands through this one: the log's totals are read off its first and last rows.
        debit_total INTEGER NOT NULL,
        run INTEGER,
        body TEXT NOT NULL
      ) STRICT;
    `);
  },
};
