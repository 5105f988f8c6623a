/**
 * The PIN reserve and offline card batches: server-minted serial + PIN pairs handed to one terminal (`card_reserve`,
 * each pair's PIN already in the global lookup, so it stays unique among live cards), which an offline series
 * activates with a `card.batch` command (the pair becomes a card with the same id and sealed PIN). A series made that
 * way names its terminal and its place in that terminal's offline window, like an offline sale.
 */
export const sql = `
CREATE TABLE card_reserve (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  terminal_id uuid NOT NULL,
  serial text NOT NULL,
  pin_length smallint NOT NULL CHECK (pin_length BETWEEN 5 AND 20),
  pin_ciphertext bytea NOT NULL,
  pin_nonce bytea NOT NULL,
  pin_key_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);
CREATE UNIQUE INDEX card_reserve_serial ON card_reserve (reseller_id, serial);
CREATE INDEX card_reserve_terminal ON card_reserve (reseller_id, terminal_id);

ALTER TABLE card_series ADD COLUMN terminal_id uuid;
ALTER TABLE card_series ADD COLUMN offline_seq bigint;
CREATE UNIQUE INDEX card_series_offline_seq ON card_series (reseller_id, terminal_id, offline_seq)
  WHERE offline_seq IS NOT NULL;
`;
