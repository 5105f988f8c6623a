/**
 * The reseller wallet (issue 11): credit packages, saved payment methods (provider tokens only, never a card number),
 * purchases (pending before the charge, completed after it, so a crash between charge and grant is finished later
 * with the same idempotency key), auto top-up rules and their attempts (at most one in flight per wallet, enforced
 * by a unique partial index), alert settings with the webhook's signing secret, the webhook delivery outbox and its
 * attempt log, and credit transfers to affiliates. The sandbox payment provider keeps its own tables (`psp_sandbox_*`):
 * a real provider keeps this on its side.
 */
export const sql = `
CREATE TABLE psp_sandbox_setup_sessions (
  id uuid PRIMARY KEY,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed')),
  token text,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE psp_sandbox_cards (
  token text PRIMARY KEY,
  brand text NOT NULL,
  last4 char(4) NOT NULL,
  exp_month integer NOT NULL,
  exp_year integer NOT NULL,
  behaviour text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE psp_sandbox_charges (
  idempotency_key text PRIMARY KEY,
  charge_id uuid NOT NULL,
  token text NOT NULL,
  amount bigint NOT NULL,
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'declined', 'processing_error')),
  decline_code text,
  attempts integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE wallet_settings (
  reseller_id uuid PRIMARY KEY,
  collection_mode text NOT NULL DEFAULT 'card' CHECK (collection_mode IN ('card', 'invoice')),
  alert_level bigint,
  webhook_url text,
  webhook_secret text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payment_method_setups (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  psp_session_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed')),
  payment_method_id uuid,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);
CREATE TABLE payment_method_setup_sessions (
  psp_session_id text PRIMARY KEY,
  reseller_id uuid NOT NULL,
  setup_id uuid NOT NULL
);
CREATE TABLE payment_methods (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  psp_token text NOT NULL,
  brand text NOT NULL,
  last4 char(4) NOT NULL,
  exp_month integer NOT NULL,
  exp_year integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (reseller_id, id)
);
CREATE UNIQUE INDEX payment_methods_current ON payment_methods (reseller_id) WHERE deleted_at IS NULL;

CREATE TABLE credit_packages (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  credits bigint NOT NULL CHECK (credits > 0),
  price bigint NOT NULL CHECK (price > 0),
  currency char(3) NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE wallet_purchases (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  package_id uuid,
  source text NOT NULL CHECK (source IN ('manual', 'auto_topup')),
  credits bigint NOT NULL CHECK (credits > 0),
  price bigint NOT NULL CHECK (price > 0),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'declined', 'failed', 'invoiced', 'paid')),
  decline_code text,
  invoice_id uuid,
  psp_token text,
  entry_id uuid,
  balance_after bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (reseller_id, id)
);
CREATE INDEX wallet_purchases_recent ON wallet_purchases (reseller_id, created_at, id);
CREATE INDEX wallet_purchases_pending ON wallet_purchases (created_at) WHERE status = 'pending';
CREATE TABLE wallet_invoices (
  id uuid PRIMARY KEY,
  reseller_id uuid NOT NULL,
  purchase_id uuid NOT NULL
);

CREATE TABLE auto_topup_rules (
  reseller_id uuid NOT NULL,
  currency char(3) NOT NULL,
  threshold bigint NOT NULL CHECK (threshold >= 0),
  amount bigint NOT NULL CHECK (amount > 0),
  max_per_day integer NOT NULL CHECK (max_per_day > 0),
  max_amount_per_month bigint NOT NULL CHECK (max_amount_per_month > 0),
  enabled boolean NOT NULL,
  paused_until timestamptz,
  consecutive_declines integer NOT NULL DEFAULT 0,
  disabled_reason text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, currency)
);
CREATE TABLE auto_topup_attempts (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  currency char(3) NOT NULL,
  amount bigint NOT NULL,
  balance_before bigint NOT NULL,
  outcome text NOT NULL,
  reason text NOT NULL,
  purchase_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (reseller_id, id)
);
-- Burst suppression: one purchase in flight per wallet, whichever process tries.
CREATE UNIQUE INDEX auto_topup_attempts_in_flight ON auto_topup_attempts (reseller_id, currency)
  WHERE outcome = 'in_flight';
CREATE INDEX auto_topup_attempts_recent ON auto_topup_attempts (reseller_id, currency, created_at);

CREATE TABLE webhook_outbox (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  type text NOT NULL,
  url text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_status_code integer,
  last_error text,
  next_attempt_at timestamptz,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_outbox_recent ON webhook_outbox (reseller_id, created_at);
CREATE TABLE webhook_delivery_attempts (
  reseller_id uuid NOT NULL,
  event_id uuid NOT NULL,
  attempt integer NOT NULL,
  status_code integer,
  error text,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, event_id, attempt)
);

CREATE TABLE credit_transfers (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  to_reseller_id uuid NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  balance_after bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);

CREATE INDEX journal_entries_created ON journal_entries (reseller_id, created_at);
`;
