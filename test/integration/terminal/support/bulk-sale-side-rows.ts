import type { Database } from 'better-sqlite3';

/**
 * Writes the side rows `SaleStore.insert` writes with each sale (migration 20) for sales a test or bench inserted in
 * bulk with raw SQL: each sale's outcome row, in the current app run, and each customer account once (the Sales
 * screen's customer filter finds sales through it). Sales that already have them are left as they are.
 */
export function addBulkSaleSideRows(db: Database): void {
  db.exec(`
    INSERT OR IGNORE INTO sale_outcomes (sale_id, run) SELECT id, (SELECT MAX(run) FROM app_runs) FROM sales;
    INSERT OR IGNORE INTO sale_customer_accounts (account)
      SELECT DISTINCT customer_account FROM sales ORDER BY customer_account;
  `);
}
