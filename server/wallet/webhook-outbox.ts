import { uuidv7 } from '../../core/uuidv7';
import type { Queryable } from '../db/database';

/**
 * Queues a webhook event for the reseller's URL (when one is set) in the delivery outbox, in the caller's transaction,
 * so the event exists exactly when the state change that caused it committed. The body is kept as the exact text
 * that is signed and sent: `{ id, type, createdAt, data }`. Answers the event id, or null when no URL is set.
 */
export async function queueWebhookEvent(
  tx: Queryable,
  resellerId: string,
  type: string,
  data: Readonly<Record<string, unknown>>,
  nowMs: number,
): Promise<string | null> {
  const rows = await tx.query<{ webhook_url: string | null }>(
    'SELECT webhook_url FROM wallet_settings WHERE reseller_id = $1',
    [resellerId],
  );
  const url = rows[0]?.webhook_url;
  if (!url) return null;
  const id = uuidv7();
  const createdAt = new Date(nowMs).toISOString();
  const body = JSON.stringify({ id, type, createdAt, data });
  await tx.query(
    `INSERT INTO webhook_outbox (reseller_id, id, type, url, body, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)`,
    [resellerId, id, type, url, body, createdAt],
  );
  return id;
}
