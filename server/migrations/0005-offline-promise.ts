/**
 * The offline promise (DESIGN 4): the server keeps every package version and every terminal floor-limits version it
 * handed out, so an offline sale is judged with the catalog and limits the terminal had pulled; sales keep their
 * offline decision number (the offline window, core/offline/offline-window.ts) and the package version they were
 * sold at.
 */
export const sql = `
ALTER TABLE packages ADD COLUMN version integer NOT NULL DEFAULT 1;
CREATE TABLE package_versions (
  package_id uuid NOT NULL,
  version integer NOT NULL,
  face_value bigint NOT NULL,
  wholesale_price bigint NOT NULL,
  retail_price bigint NOT NULL,
  currency char(3) NOT NULL,
  validity_days integer,
  active boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (package_id, version)
);
INSERT INTO package_versions (package_id, version, face_value, wholesale_price, retail_price, currency, validity_days,
                              active)
  SELECT id, version, face_value, wholesale_price, retail_price, currency, validity_days, active FROM packages;

ALTER TABLE terminals ADD COLUMN limits_version integer NOT NULL DEFAULT 1;
CREATE TABLE terminal_limits (
  reseller_id uuid NOT NULL,
  terminal_id uuid NOT NULL,
  version integer NOT NULL,
  per_sale_max bigint NOT NULL,
  total_offline_max bigint NOT NULL,
  max_hours_since_sync integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reseller_id, terminal_id, version)
);
INSERT INTO terminal_limits (reseller_id, terminal_id, version, per_sale_max, total_offline_max, max_hours_since_sync)
  SELECT reseller_id, id, limits_version, per_sale_max, total_offline_max, max_hours_since_sync FROM terminals;

ALTER TABLE sales ADD COLUMN package_version integer;
ALTER TABLE sales ADD COLUMN offline_seq bigint;
CREATE UNIQUE INDEX sales_offline_seq ON sales (reseller_id, terminal_id, offline_seq) WHERE offline_seq IS NOT NULL;
DROP INDEX sales_offline_received;
`;
