/**
 * Wallet hardening after the review of issue 11:
 * - pending purchases get a retry schedule (`attempts`, `next_attempt_at`, `last_error`), so one that keeps failing
 *   backs off and is marked `failed` instead of blocking the sweeper, and the provider's idempotency key (`psp_key`,
 *   scoped by reseller; NULL on older rows, whose key was the bare purchase id);
 * - at most one pending (card) purchase per wallet, manual or auto top-up (burst suppression, DESIGN invariant 6);
 * - webhook claims carry a `claim_id`, so an instance whose lease lapsed can neither re-send nor overwrite what another
 *   instance delivered; the attempt log keeps every attempt (a surrogate `seq` in its key).
 * Older duplicate pending purchases (none expected: the unique index is new) would stop this migration; the sweeper
 * settles pending purchases within minutes, so a deploy simply retries.
 */
export const sql = `
ALTER TABLE wallet_purchases ADD COLUMN psp_key text;
ALTER TABLE wallet_purchases ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE wallet_purchases ADD COLUMN next_attempt_at timestamptz;
ALTER TABLE wallet_purchases ADD COLUMN last_error text;
DROP INDEX wallet_purchases_pending;
CREATE INDEX wallet_purchases_pending ON wallet_purchases ((coalesce(next_attempt_at, created_at)))
  WHERE status = 'pending';
CREATE UNIQUE INDEX wallet_purchases_one_pending ON wallet_purchases (reseller_id) WHERE status = 'pending';

ALTER TABLE webhook_outbox ADD COLUMN claim_id uuid;
ALTER TABLE webhook_delivery_attempts DROP CONSTRAINT webhook_delivery_attempts_pkey;
ALTER TABLE webhook_delivery_attempts ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE webhook_delivery_attempts ADD PRIMARY KEY (reseller_id, event_id, seq);
`;
