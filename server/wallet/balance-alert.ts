import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';
import type { ChangeDraft } from '../sync/change-feed';
import { formatCredits, walletNoticeChange } from './wallet-notices';
import { queueWebhookEvent } from './webhook-outbox';

/** The webhook event type of a balance alert. */
export const BALANCE_ALERT_EVENT = 'wallet.balance_alert';

/**
 * In the caller's transaction (the one that moved the balance from `before` to `after`): when the debit crossed the
 * reseller's alert level (from at or above to under it), queues the webhook event `wallet.balance_alert` (when a URL
 * is set) and answers the `balance_alert` notice for the caller to append to the feed. Both commit or roll back with
 * the debit.
 */
export async function balanceAlertChanges(
  tx: Queryable,
  resellerId: string,
  currency: string,
  before: number,
  after: number,
  nowMs: number = Date.now(),
): Promise<ChangeDraft[]> {
  if (after >= before) return [];
  const rows = await tx.query<{ alert_level: unknown }>(
    'SELECT alert_level FROM wallet_settings WHERE reseller_id = $1',
    [resellerId],
  );
  const s = rows[0];
  if (!s || s.alert_level === null) return [];
  const level = toMinor(s.alert_level);
  if (!(before >= level && after < level)) return [];
  await queueWebhookEvent(
    tx,
    resellerId,
    BALANCE_ALERT_EVENT,
    { resellerId, currency, balance: after, alertLevel: level },
    nowMs,
  );
  return [
    walletNoticeChange(
      {
        resellerId,
        type: 'balance_alert',
        currency,
        balance: after,
        amount: level,
        message: `Credits are down to ${formatCredits(after, currency)}, under the alert level of ${formatCredits(level, currency)}.`,
      },
      nowMs,
    ),
  ];
}
