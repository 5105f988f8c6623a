/**
 * Customer tokens expire and can be revoked: `expires_at` is set at issue (default 30 days), `revoked_at` when the
 * operator revokes a customer's tokens or issues a new one (rotation). Tokens issued before this migration get 30
 * days from now, so an upgrade does not log every customer out at once but no old token lives for ever. Revoked rows
 * stay, so the API can answer `token_revoked` rather than a bare "unknown token".
 */
export const sql = `
ALTER TABLE customer_tokens ADD COLUMN expires_at timestamptz;
UPDATE customer_tokens SET expires_at = now() + interval '30 days';
ALTER TABLE customer_tokens ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE customer_tokens ADD COLUMN revoked_at timestamptz;
CREATE INDEX customer_tokens_customer ON customer_tokens (reseller_id, customer_id) WHERE revoked_at IS NULL;
`;
