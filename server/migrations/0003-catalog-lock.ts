/**
 * One row that catalog writers lock FOR UPDATE and reseller creation locks FOR SHARE, so a new reseller's first
 * catalog snapshot and a concurrent package change cannot miss each other (a row lock, not an advisory lock, so it
 * also works on distributed Postgres-compatible engines).
 */
export const sql = `
CREATE TABLE catalog_lock (id integer PRIMARY KEY CHECK (id = 1));
INSERT INTO catalog_lock (id) VALUES (1);
`;
