/**
 * One row per sale id a `sale.void` has voided, per reseller. `voided` is true when an applied sale was reversed
 * (the sale row is then `refunded`) and false when the server had no such sale: the row is then a tombstone, so a
 * `sale.create` of that sale id arriving later is refused `sale_already_exists` and the refused sale never happens.
 */
export const sql = `
CREATE TABLE sale_voids (
  reseller_id uuid NOT NULL,
  sale_id uuid NOT NULL,
  command_id uuid NOT NULL,
  voided boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, sale_id)
);
`;
