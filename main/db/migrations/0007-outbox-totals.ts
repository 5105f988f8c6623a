import type { Migration } from '../migration';

/**
 * Running totals of the outbox (debits, offline amounts, count) in one row kept by triggers, so reading the local
 * balance view costs the same with 5 or 5,000 commands waiting; the property test checks it against the sums.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'outbox totals',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_totals (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        debit INTEGER NOT NULL,
        offline_amount INTEGER NOT NULL,
        n INTEGER NOT NULL
      ) STRICT;
      INSERT INTO outbox_totals (singleton, debit, offline_amount, n)
        SELECT 1, COALESCE(SUM(debit), 0), COALESCE(SUM(offline_amount), 0), COUNT(*) FROM outbox;
      CREATE TRIGGER outbox_totals_on_insert AFTER INSERT ON outbox BEGIN
        UPDATE outbox_totals SET debit = debit + NEW.debit, offline_amount = offline_amount + NEW.offline_amount,
          n = n + 1 WHERE singleton = 1;
      END;
      CREATE TRIGGER outbox_totals_on_delete AFTER DELETE ON outbox BEGIN
        UPDATE outbox_totals SET debit = debit - OLD.debit, offline_amount = offline_amount - OLD.offline_amount,
          n = n - 1 WHERE singleton = 1;
      END;
      CREATE TRIGGER outbox_totals_on_update AFTER UPDATE OF debit, offline_amount ON outbox BEGIN
        UPDATE outbox_totals SET debit = debit - OLD.debit + NEW.debit,
          offline_amount = offline_amount - OLD.offline_amount + NEW.offline_amount WHERE singleton = 1;
      END;
    `);
  },
};
