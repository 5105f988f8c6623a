import type { Migration } from '../migration';

/**
 * A sale's two side rows are written by `SaleStore.insert`, the one code path that writes `sales`, instead of by
 * triggers on `sales` (issue 15, item 5: less CPU per sale): its outcome row (`sale_outcomes`, with the app run it was sold in) and its
 * customer account (`sale_customer_accounts`, for the Sales screen's filter). Measured on this project's terminal
 * database, the two triggers cost about 60 us per sale against 5 us for the same two statements run directly: each
 * firing runs a trigger sub-program, and the account trigger's nests the FTS5 index's. That was most of the CPU a sale
 * spends in its statements.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'sale side rows in code',
  up(db) {
    db.exec(`
      DROP TRIGGER sales_stamp_run;
      DROP TRIGGER sales_note_customer_account;
    `);
  },
};
