import type { Migration } from '../migration';

/**
 * Inventory stock (issue 12): `stock_levels` mirrors the change feed's `stock` entries for this terminal (the shop's
 * totals per package and this terminal's allocation as the server last said); `stock_releases` records the
 * allocation this terminal gave back (`stock.release` commands), pending until the server answers. Sales from stock
 * are `sales` rows marked `from_stock`: what this terminal may still sell of a package is its allocation minus its own
 * releases and its own stock sales not reversed (core/stock/stock-allocation.ts). Each sale also keeps its customer
 * grant's state from the feed (used, expiry), which the refund rule reads.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'inventory stock',
  up(db) {
    db.exec(`
      ALTER TABLE sales ADD COLUMN from_stock INTEGER NOT NULL DEFAULT 0 CHECK (from_stock IN (0, 1));
      CREATE INDEX sales_from_stock ON sales (package_id) WHERE from_stock = 1;
      CREATE TABLE stock_levels (
        package_id TEXT PRIMARY KEY NOT NULL,
        bought INTEGER NOT NULL CHECK (bought >= 0),
        unallocated INTEGER NOT NULL CHECK (unallocated >= 0),
        allocated INTEGER NOT NULL CHECK (allocated >= 0),
        released INTEGER NOT NULL CHECK (released >= 0),
        sold INTEGER NOT NULL CHECK (sold >= 0),
        seq TEXT NOT NULL
      ) STRICT;
      CREATE TABLE stock_releases (
        command_id TEXT PRIMARY KEY NOT NULL,
        package_id TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        clerk_id TEXT,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'applied', 'rejected'))
      ) STRICT;
      CREATE INDEX stock_releases_package ON stock_releases (package_id);
      -- The customer's grant of each sale as the change feed last said (issue 12, item 4): used once any of it was
      -- spent, and when the package expires; null until the feed says.
      ALTER TABLE sales ADD COLUMN grant_used INTEGER CHECK (grant_used IN (0, 1));
      ALTER TABLE sales ADD COLUMN grant_expires_at TEXT;
      -- Refund receipts are audited beside sale receipts; a sale's receipt count and COPY marks count its own kind.
      ALTER TABLE receipt_prints ADD COLUMN kind TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'refund'));
    `);
  },
};
