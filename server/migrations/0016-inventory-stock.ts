/**
 * Inventory stock (issue 12): packages a reseller bought ahead (credits debited at purchase) and their allocation to
 * terminals. `stock_pools` holds the reseller's running totals per package (bought, not yet allocated);
 * `stock_allocations` each terminal's running totals (allocated, released, sold), whose CHECK keeps a terminal's
 * sales and releases within what was allocated to it whatever writes them; `stock_moves` logs purchases and
 * allocations by their client-made id (the idempotency key). Sales from stock are `activated` and marked `from_stock`.
 * `customer_spends` records a customer spending wallet credits (what makes a package `used`).
 */
export const sql = `
CREATE TABLE stock_pools (
  reseller_id uuid NOT NULL,
  package_id uuid NOT NULL,
  bought bigint NOT NULL DEFAULT 0 CHECK (bought >= 0),
  unallocated bigint NOT NULL DEFAULT 0 CHECK (unallocated >= 0 AND unallocated <= bought),
  PRIMARY KEY (reseller_id, package_id)
);

CREATE TABLE stock_allocations (
  reseller_id uuid NOT NULL,
  terminal_id uuid NOT NULL,
  package_id uuid NOT NULL,
  allocated bigint NOT NULL DEFAULT 0 CHECK (allocated >= 0),
  released bigint NOT NULL DEFAULT 0 CHECK (released >= 0),
  sold bigint NOT NULL DEFAULT 0 CHECK (sold >= 0),
  CHECK (released + sold <= allocated),
  PRIMARY KEY (reseller_id, terminal_id, package_id)
);

CREATE TABLE stock_moves (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('purchase', 'allocate')),
  package_id uuid NOT NULL,
  package_version integer,
  -- purchase: the terminal its stock was allocated to (or null: left unallocated); allocate: the terminal receiving it
  terminal_id uuid,
  quantity bigint NOT NULL CHECK (quantity > 0),
  wholesale_amount bigint NOT NULL DEFAULT 0 CHECK (wholesale_amount >= 0),
  currency char(3) NOT NULL,
  entry_id uuid,
  requested_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);

ALTER TABLE sales ADD COLUMN from_stock boolean NOT NULL DEFAULT false;

-- A customer spending the credits of their wallet (grants in spending order), idempotent by its client-made id: the
-- first spend of a package's grant makes that package 'used' (no longer refundable).
CREATE TABLE customer_spends (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  entry_id uuid NOT NULL,
  -- How much came off which grants: [{grantId, spent}], answered again to a repeat.
  grants jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);
`;
