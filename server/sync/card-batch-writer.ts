import type { Queryable } from '../db/database';
import { appendCardChanges } from '../cards/card-feed';
import type { CardBatchWrite } from './push-batch';

/**
 * Activates the card batches of a push: per batch its `card_series` row (naming the terminal and its offline
 * decision), and its reserve pairs moved into `cards` as new cards with the same ids and sealed PINs (their PIN
 * lookup rows already point at those ids). The cards' state goes on the feed.
 */
export async function writeCardBatches(
  tx: Queryable,
  resellerId: string,
  terminalId: string,
  batches: readonly CardBatchWrite[],
): Promise<void> {
  for (const b of batches) {
    await tx.query(
      `INSERT INTO card_series (reseller_id, id, prefix, first_number, quantity, amount, currency, pin_length,
                                expires_at, grant_validity_days, entry_id, created_by, terminal_id, offline_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        resellerId,
        b.seriesId,
        b.prefix,
        b.firstNumber,
        b.cardIds.length,
        b.amount,
        b.currency,
        b.pinLength,
        b.expiresAt,
        b.grantValidityDays,
        b.entryId,
        `terminal:${terminalId}`,
        terminalId,
        b.offlineSeq,
      ],
    );
    const moved = await tx.query<{ n: number }>(
      `WITH moved AS (
         DELETE FROM card_reserve WHERE reseller_id = $1 AND terminal_id = $2 AND id = ANY($3::uuid[])
         RETURNING id, serial, pin_ciphertext, pin_nonce, pin_key_id),
       inserted AS (
         INSERT INTO cards (reseller_id, id, series_id, serial, amount, currency, status, pin_ciphertext, pin_nonce,
                            pin_key_id, expires_at)
         SELECT $1, id, $4, serial, $5, $6, 'new', pin_ciphertext, pin_nonce, pin_key_id, $7 FROM moved
         RETURNING 1)
       SELECT count(*)::int AS n FROM inserted`,
      [resellerId, terminalId, b.cardIds, b.seriesId, b.amount, b.currency, b.expiresAt],
    );
    if (moved[0]!.n !== b.cardIds.length) throw new Error('reserve pairs changed concurrently');
    await appendCardChanges(tx, resellerId, { seriesId: b.seriesId });
  }
}
