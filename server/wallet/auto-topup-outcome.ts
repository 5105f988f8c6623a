import { afterDecline } from '../../core/wallet/auto-topup-decision';
import type { Queryable } from '../db/database';
import { toIsoOrNull } from '../db/sql-values';
import type { LockedReseller } from '../resellers/reseller-lock';
import type { ChangeDraft } from '../sync/change-feed';
import { formatCredits, walletNoticeChange } from './wallet-notices';
import { queueWebhookEvent } from './webhook-outbox';

/** How an auto top-up's charge ended. */
export type AutoTopUpSettlement =
  | { readonly succeeded: true; readonly balance: number }
  | { readonly succeeded: false; readonly declineCode: string; readonly balance: number };

/**
 * In the transaction that settles an auto top-up's purchase, under the reseller's lock: closes its in-flight attempt
 * (succeeded or declined), moves the rule (a success resets the declines; a decline pauses it for an hour, the third
 * in a row turns it off) and answers the notices for the feed.
 */
export async function settleAutoTopUp(
  tx: Queryable,
  r: LockedReseller,
  purchaseId: string,
  s: AutoTopUpSettlement,
  nowMs: number,
): Promise<ChangeDraft[]> {
  const nowIso = new Date(nowMs).toISOString();
  const attempts = await tx.query<{ amount: unknown }>(
    `UPDATE auto_topup_attempts SET outcome = $4, reason = $5, completed_at = $6
      WHERE reseller_id = $1 AND currency = $2 AND outcome = 'in_flight' AND purchase_id = $3 RETURNING amount`,
    [
      r.id,
      r.currency,
      purchaseId,
      s.succeeded ? 'succeeded' : 'declined',
      s.succeeded ? 'charged the saved card' : `the card was declined: ${s.declineCode}`,
      nowIso,
    ],
  );
  const amount = attempts[0] ? Number(attempts[0].amount) : null;
  const notice = (
    type: 'auto_topup_succeeded' | 'auto_topup_declined' | 'auto_topup_disabled',
    message: string,
  ) =>
    walletNoticeChange(
      { resellerId: r.id, type, currency: r.currency, balance: s.balance, amount, message },
      nowMs,
    );
  if (s.succeeded) {
    await tx.query(
      `UPDATE auto_topup_rules SET consecutive_declines = 0, paused_until = NULL, updated_at = $3
        WHERE reseller_id = $1 AND currency = $2`,
      [r.id, r.currency, nowIso],
    );
    return [
      notice(
        'auto_topup_succeeded',
        `Auto top-up added ${formatCredits(amount ?? 0, r.currency)}: credits are now ${formatCredits(s.balance, r.currency)}.`,
      ),
    ];
  }
  const rules = await tx.query<{ consecutive_declines: number }>(
    'SELECT consecutive_declines FROM auto_topup_rules WHERE reseller_id = $1 AND currency = $2 FOR UPDATE',
    [r.id, r.currency],
  );
  const next = afterDecline(rules[0]?.consecutive_declines ?? 0, nowMs);
  const updated = await tx.query<{ paused_until: unknown }>(
    `UPDATE auto_topup_rules SET consecutive_declines = $3, paused_until = $4, updated_at = $5,
            enabled = CASE WHEN $6 THEN false ELSE enabled END,
            disabled_reason = CASE WHEN $6 THEN 'declined_three_times' ELSE disabled_reason END
      WHERE reseller_id = $1 AND currency = $2 RETURNING paused_until`,
    [
      r.id,
      r.currency,
      next.consecutiveDeclines,
      new Date(next.pausedUntilMs).toISOString(),
      nowIso,
      next.disable,
    ],
  );
  const out = [
    notice(
      'auto_topup_declined',
      `Auto top-up failed: the card was declined (${s.declineCode}). It tries again after ${toIsoOrNull(updated[0]?.paused_until) ?? 'an hour'}.`,
    ),
  ];
  if (next.disable) {
    await queueWebhookEvent(
      tx,
      r.id,
      'wallet.auto_topup_disabled',
      { resellerId: r.id, currency: r.currency, reason: 'declined_three_times', declineCode: s.declineCode },
      nowMs,
    );
    out.push(
      notice(
        'auto_topup_disabled',
        'Auto top-up is off after three declines in a row: check the saved card.',
      ),
    );
  }
  return out;
}
