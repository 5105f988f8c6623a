/**
 * Top-up cards: series (one per mint request) and cards (tenant tables, reseller first in every key), the global PIN
 * lookup keyed by the PIN's HMAC (one row per live card, so a PIN is unique among live cards), each reseller's card
 * liability account (where minted face value waits until a card is redeemed, deleted or expires), and the failure
 * counters behind the redemption lockout (global, keyed by scope and key, so they hold across API instances).
 */
export const sql = `
CREATE UNIQUE INDEX accounts_card_liability ON accounts (reseller_id, kind) WHERE kind = 'card_liability';

CREATE TABLE card_series (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  prefix text NOT NULL,
  first_number integer NOT NULL,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
  amount bigint NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  pin_length smallint NOT NULL CHECK (pin_length BETWEEN 5 AND 20),
  expires_at timestamptz NOT NULL,
  grant_validity_days integer,
  entry_id uuid NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);

-- The next free serial number per series prefix of a reseller.
CREATE TABLE card_serial_counters (
  reseller_id uuid NOT NULL,
  prefix text NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (reseller_id, prefix)
);

CREATE TABLE cards (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  series_id uuid NOT NULL,
  serial text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('new', 'activated', 'expired', 'void')),
  pin_ciphertext bytea NOT NULL,
  pin_nonce bytea NOT NULL,
  pin_key_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  activated_at timestamptz,
  customer_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id),
  CHECK ((status = 'activated') = (activated_at IS NOT NULL AND customer_id IS NOT NULL))
);
CREATE UNIQUE INDEX cards_serial ON cards (reseller_id, serial);
CREATE INDEX cards_series ON cards (reseller_id, series_id);
-- What the expiry job looks for: new cards past their date.
CREATE INDEX cards_due ON cards (expires_at) WHERE status = 'new';

-- An activated card is history: it cannot be edited or deleted.
CREATE FUNCTION refuse_activated_card_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'activated cards cannot be changed (% on card %)', TG_OP, OLD.id;
END $$;
CREATE TRIGGER cards_activated_immutable BEFORE UPDATE OR DELETE ON cards
  FOR EACH ROW WHEN (OLD.status = 'activated') EXECUTE FUNCTION refuse_activated_card_change();

-- Global lookup: one row per live card, keyed by HMAC-SHA256(server key, PIN). Removed when the card is redeemed.
CREATE TABLE card_pin_lookup (
  pin_hmac bytea PRIMARY KEY,
  reseller_id uuid NOT NULL,
  card_id uuid NOT NULL,
  pin_length smallint NOT NULL
);
CREATE INDEX card_pin_lookup_length ON card_pin_lookup (pin_length) WHERE pin_length < 10;

-- Failed redemptions per scope ('terminal', 'customer', 'address') and key, for the lockout (core/cards/redeem-lockout.ts).
CREATE TABLE card_redeem_failures (
  scope text NOT NULL,
  key text NOT NULL,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz,
  PRIMARY KEY (scope, key)
);
`;
