/**
 * Operator controls over terminals: a terminal can be revoked for good (`terminals.revoked_at`; its token rows stay,
 * so the API can answer `terminal_revoked` rather than a bare "unknown token"), and a reseller suspended until the
 * operator lifts it (`resellers.active` false, since `suspended_at`), which stops its terminals and enrollments.
 */
export const sql = `
ALTER TABLE terminals ADD COLUMN revoked_at timestamptz;
ALTER TABLE resellers ADD COLUMN suspended_at timestamptz;
`;
