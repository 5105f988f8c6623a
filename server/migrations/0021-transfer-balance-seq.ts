/**
 * A transfer keeps the change-feed seq of the sender's balance it left, so a replay answers exactly what the first
 * answer said (invariant 2), seq included (null for transfers made before this migration).
 */
export const sql = `
ALTER TABLE credit_transfers ADD COLUMN balance_seq bigint;
`;
