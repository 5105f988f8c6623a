import type { Migration } from '../migration';

/**
 * The Sales screen and receipt printing: derived columns for the business status and sync state of a sale,
 * indexes so a filtered page stays fast with 100k sales (each filter has an index in newest-first order), and the
 * `receipt_prints` audit table (every render and print of a receipt; immutable).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'sales list indexes and receipt prints',
  up(db) {
    db.exec(`
      ALTER TABLE sales ADD COLUMN business_status TEXT GENERATED ALWAYS AS (
        CASE WHEN server_status IN ('refunded', 'activated') THEN server_status ELSE 'purchased' END
      ) VIRTUAL;
      ALTER TABLE sales ADD COLUMN sync_state TEXT GENERATED ALWAYS AS (
        CASE
          WHEN status IN ('confirmed', 'confirmed_after_refusal') THEN 'synced'
          WHEN status = 'reversed' THEN 'rejected'
          ELSE 'queued'
        END
      ) VIRTUAL;
      -- customer_account rides along so the substring filter is checked in the index, without reading rows.
      CREATE INDEX sales_created ON sales (created_at, id, customer_account);
      CREATE INDEX sales_clerk_created ON sales (clerk_id, created_at, id);
      CREATE INDEX sales_business_created ON sales (business_status, created_at, id);
      CREATE INDEX sales_sync_created ON sales (sync_state, created_at, id);

      CREATE TABLE receipt_prints (
        id TEXT PRIMARY KEY NOT NULL,
        sale_id TEXT NOT NULL REFERENCES sales (id),
        printed_at TEXT NOT NULL,
        clerk_id TEXT,
        copy INTEGER NOT NULL CHECK (copy IN (0, 1)),
        target TEXT NOT NULL CHECK (target IN ('pdf', 'printer')),
        printer_name TEXT,
        job_id TEXT
      ) STRICT;
      CREATE INDEX receipt_prints_sale ON receipt_prints (sale_id, printed_at);
      CREATE TRIGGER receipt_prints_no_update BEFORE UPDATE ON receipt_prints
        BEGIN SELECT RAISE(ABORT, 'receipt prints are an audit log'); END;
      CREATE TRIGGER receipt_prints_no_delete BEFORE DELETE ON receipt_prints
        BEGIN SELECT RAISE(ABORT, 'receipt prints are an audit log'); END;
    `);
  },
};
