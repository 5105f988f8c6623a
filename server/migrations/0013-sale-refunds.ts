/**
 * Package refunds: the operator's bounds per reseller (a cut-off date before which sales are never refunded, and a
 * number of refunds per calendar month, 10 unless set), and one row per refund with its own number, the journal entry
 * that reversed the sale and who asked for it. The refund id is the caller's idempotency key.
 */
export const sql = `
ALTER TABLE resellers ADD COLUMN refund_cutoff_at timestamptz;
ALTER TABLE resellers ADD COLUMN refund_monthly_limit integer NOT NULL DEFAULT 10
  CHECK (refund_monthly_limit BETWEEN 0 AND 10000);

CREATE TABLE sale_refunds (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  sale_id uuid NOT NULL,
  refund_number text NOT NULL,
  amount bigint NOT NULL CHECK (amount >= 0),
  currency char(3) NOT NULL,
  entry_id uuid NOT NULL,
  terminal_id uuid NOT NULL,
  refunded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id)
);
CREATE UNIQUE INDEX sale_refunds_sale ON sale_refunds (reseller_id, sale_id);
CREATE UNIQUE INDEX sale_refunds_number ON sale_refunds (reseller_id, refund_number);
CREATE INDEX sale_refunds_month ON sale_refunds (reseller_id, refunded_at);
`;
