/**
 * Shifts (issue 13): each terminal's shifts as its `shift.open` and `shift.close` commands report them: the float,
 * then at close the Z-report's figures (sales, voids, refunds, cash in and out, expected, counted, difference, and
 * by clerk). The terminal is the authority for its drawer; the server keeps the record per reseller and terminal.
 * Reads page newest first by the UUIDv7 shift id: reseller-wide on the primary key, per terminal on
 * `shifts_terminal`. A terminal's shift numbers and Z numbers are unique.
 */
export const sql = `
CREATE TABLE shifts (
  reseller_id uuid NOT NULL,
  id uuid NOT NULL,
  terminal_id uuid NOT NULL,
  shift_number bigint NOT NULL CHECK (shift_number >= 1),
  currency char(3) NOT NULL,
  opened_at timestamptz NOT NULL,
  opened_by uuid NOT NULL,
  float bigint NOT NULL CHECK (float >= 0),
  implicit boolean NOT NULL,
  open_command_id uuid NOT NULL,
  closed_at timestamptz,
  closed_by uuid,
  z_number text,
  close_command_id uuid,
  sales_count bigint,
  sales_amount bigint,
  void_count bigint,
  refund_count bigint,
  refund_amount bigint,
  cash_in bigint,
  cash_out bigint,
  expected bigint,
  counted bigint,
  difference bigint,
  by_clerk jsonb,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, id),
  CHECK ((closed_at IS NULL) = (z_number IS NULL))
);
CREATE UNIQUE INDEX shifts_terminal_number ON shifts (reseller_id, terminal_id, shift_number);
CREATE INDEX shifts_terminal ON shifts (reseller_id, terminal_id, id);
CREATE UNIQUE INDEX shifts_z_number ON shifts (reseller_id, terminal_id, z_number) WHERE z_number IS NOT NULL;
`;
