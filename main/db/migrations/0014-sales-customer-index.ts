import type { Migration } from '../migration';

/**
 * The Sales screen's customer filter through indexes (issue 15), keeping its "account contains" meaning: every
 * account that ever had a sale is kept once in `sale_customer_accounts` (filled by a trigger on `sales`, so no code
 * path that writes sales can forget it) with an FTS5 trigram index over it, and `sales_customer_created` walks one
 * account's sales newest first. A filter finds the few matching accounts, then merges their walks (see
 * main/sales/sale-queries.ts). A later migration that rebuilds `sales` must recreate `sales_note_customer_account`.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'sales customer index',
  up(db) {
    db.exec(`
      CREATE INDEX sales_customer_created ON sales (customer_account, created_at, id);
      CREATE TABLE sale_customer_accounts (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE VIRTUAL TABLE sale_customer_accounts_fts USING fts5(
        account, content = 'sale_customer_accounts', content_rowid = 'id', tokenize = 'trigram case_sensitive 1'
      );
      -- An ignored duplicate inserts no row, so this fires once per new account.
      CREATE TRIGGER sale_customer_accounts_index AFTER INSERT ON sale_customer_accounts BEGIN
        INSERT INTO sale_customer_accounts_fts (rowid, account) VALUES (NEW.id, NEW.account);
      END;
      CREATE TRIGGER sales_note_customer_account AFTER INSERT ON sales BEGIN
        INSERT OR IGNORE INTO sale_customer_accounts (account) VALUES (NEW.customer_account);
      END;
      INSERT OR IGNORE INTO sale_customer_accounts (account)
        SELECT DISTINCT customer_account FROM sales ORDER BY customer_account;
    `);
  },
};
