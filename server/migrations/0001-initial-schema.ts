/** Migration 1: resellers, accounts, the double-entry journal, catalog, terminals, customers, grants, sales, commands, change feed. */
export const sql = `
CREATE TABLE resellers (
  id uuid PRIMARY KEY,
  parent_id uuid REFERENCES resellers (id),
  name text NOT NULL,
  currency char(3) NOT NULL,
  active boolean NOT NULL DEFAULT true,
  credit_account_id uuid NOT NULL,
  issuance_account_id uuid NOT NULL,
  revenue_account_id uuid NOT NULL,
  grant_account_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resellers_parent ON resellers (parent_id);

-- kind: reseller_credit (the reseller's wallet at the operator), operator_issuance (counterpart of credits sold),
-- operator_revenue (wholesale revenue), grant_issuance (counterpart of customer grants), customer_wallet.
CREATE TABLE accounts (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL,
  customer_id uuid,
  currency char(3) NOT NULL,
  balance bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);

CREATE TABLE journal_entries (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL,
  command_id uuid,
  memo text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);

CREATE TABLE postings (
  reseller_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  line smallint NOT NULL,
  account_id uuid NOT NULL,
  amount bigint NOT NULL,
  currency char(3) NOT NULL,
  PRIMARY KEY (reseller_id, entry_id, line)
);
CREATE INDEX postings_account ON postings (reseller_id, account_id, entry_id);

-- The journal is append-only: corrections are new entries.
CREATE FUNCTION refuse_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal rows are immutable (% on %)', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER journal_entries_immutable BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_journal_change();
CREATE TRIGGER postings_immutable BEFORE UPDATE OR DELETE ON postings
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_journal_change();

-- The operator catalog is global (not a tenant table).
CREATE TABLE packages (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL,
  face_value bigint NOT NULL,
  wholesale_price bigint NOT NULL,
  retail_price bigint NOT NULL,
  currency char(3) NOT NULL,
  validity_days integer,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE terminals (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  sale_prefix text NOT NULL,
  serial_prefix text NOT NULL,
  per_sale_max bigint NOT NULL,
  total_offline_max bigint NOT NULL,
  max_hours_since_sync integer NOT NULL,
  last_sync_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);

-- Global lookups, keyed by the looked-up value.
CREATE TABLE terminal_tokens (
  token_hash text PRIMARY KEY,
  reseller_id uuid NOT NULL,
  terminal_id uuid NOT NULL
);
CREATE TABLE sale_prefixes (
  prefix text PRIMARY KEY,
  reseller_id uuid NOT NULL,
  terminal_id uuid NOT NULL
);
CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  reseller_id uuid NOT NULL,
  terminal_name text NOT NULL,
  per_sale_max bigint NOT NULL,
  total_offline_max bigint NOT NULL,
  max_hours_since_sync integer NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  terminal_id uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customers (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  account_number text NOT NULL,
  name text,
  wallet_account_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);
CREATE UNIQUE INDEX customers_account ON customers (reseller_id, account_number);

CREATE TABLE customer_tokens (
  token_hash text PRIMARY KEY,
  reseller_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Credits on a customer wallet: spent lowest priority first, then soonest expiry (server/wallet/grant-spending-order.ts).
CREATE TABLE grants (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  remaining bigint NOT NULL CHECK (remaining >= 0),
  currency char(3) NOT NULL,
  priority integer NOT NULL,
  expires_at timestamptz,
  source text NOT NULL,
  source_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);
CREATE INDEX grants_customer ON grants (reseller_id, customer_id, priority, expires_at);

CREATE TABLE sales (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  sale_number text NOT NULL,
  terminal_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  customer_account text NOT NULL,
  package_id uuid NOT NULL,
  quantity integer NOT NULL,
  retail_amount bigint NOT NULL,
  wholesale_amount bigint NOT NULL,
  currency char(3) NOT NULL,
  status text NOT NULL,
  offline boolean NOT NULL,
  command_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  grant_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (reseller_id, id)
);
CREATE UNIQUE INDEX sales_number ON sales (reseller_id, sale_number);
CREATE INDEX sales_terminal ON sales (reseller_id, terminal_id, created_at);

-- Exactly-once: one row per (reseller, command id) holding the first outcome.
CREATE TABLE commands (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  terminal_id uuid NOT NULL,
  type text NOT NULL,
  payload_hash text NOT NULL,
  status text NOT NULL,
  result jsonb,
  reason text,
  message text,
  offline boolean NOT NULL,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);

-- Change feed: a per-reseller counter row (locked by the writer until commit) so seq order is commit order.
CREATE TABLE change_counters (
  reseller_id uuid PRIMARY KEY,
  last_seq bigint NOT NULL DEFAULT 0
);
CREATE TABLE changes (
  reseller_id uuid NOT NULL,
  seq bigint NOT NULL,
  kind text NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, seq)
);

CREATE TABLE demo_state (
  id integer PRIMARY KEY,
  reseller_id uuid NOT NULL,
  enrollment_code text NOT NULL,
  code_hash text NOT NULL
);
`;
