/**
 * Reads flat in history size (issue 15): every paged read walks an index in the order it returns. Sales page newest
 * first by (created_at, id), one index per filter ending in that order (the terminal one gains `id`); the customer
 * one also answers the customer lookup's last top-up with one probe. Refused commands that need a manager are found
 * through a partial index, however many applied commands the reseller has.
 */
export const sql = `
CREATE INDEX sales_created ON sales (reseller_id, created_at, id);
CREATE INDEX sales_status_created ON sales (reseller_id, status, created_at, id);
CREATE INDEX sales_customer_created ON sales (reseller_id, customer_account, created_at, id);
DROP INDEX sales_terminal;
CREATE INDEX sales_terminal ON sales (reseller_id, terminal_id, created_at, id);
CREATE INDEX commands_attention ON commands (reseller_id, received_at, id) WHERE status = 'rejected';
`;
