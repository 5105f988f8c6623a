/**
 * When the server received each sale. The offline floor limit counts a terminal's offline sales received since its
 * last sync, whatever `createdAt` the terminal claims, so back-dated sales cannot slip outside the window.
 */
export const sql = `
ALTER TABLE sales ADD COLUMN received_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX sales_offline_received ON sales (reseller_id, terminal_id, received_at) WHERE offline;
`;
