import type { Database } from '../db/database';
import { toMinor } from '../db/sql-values';
import { lockReseller } from '../resellers/reseller-lock';
import { appendCardChanges } from './card-feed';
import { lockCardLiability, returnCardValue } from './card-liability';

/** Cards expired per transaction, so one run never holds a reseller's lock for long. */
const EXPIRY_BATCH = 10_000;

/** What one expiry run did. */
export interface ExpiryRun {
  readonly cards: number;
  readonly value: number;
  readonly resellers: number;
}

/**
 * Expires every card past its date that is still new: status `expired`, its PIN freed from the lookup, and per
 * reseller and batch one journal entry returning the face value from the card liability account to the owner's
 * credits. Safe on several API instances at once: each card changes only under the conditional UPDATE (status
 * `new`), so two runs never return the same card's value twice. `batchSize` is the cards per transaction (tests make
 * it small).
 */
export async function expireCards(db: Database, batchSize: number = EXPIRY_BATCH): Promise<ExpiryRun> {
  const due = await db.query<{ reseller_id: string }>(
    `SELECT DISTINCT reseller_id FROM cards WHERE status = 'new' AND expires_at <= now()`,
  );
  let cards = 0;
  let value = 0;
  for (const { reseller_id: resellerId } of due) {
    for (;;) {
      const done = await db.transaction(async (tx) => {
        const owner = await lockReseller(tx, resellerId);
        await lockCardLiability(tx, resellerId);
        const expired = await tx.query<{ id: string; amount: unknown }>(
          `WITH due AS (
             SELECT id FROM cards WHERE reseller_id = $1 AND status = 'new' AND expires_at <= now()
              ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
           UPDATE cards c SET status = 'expired' FROM due
            WHERE c.reseller_id = $1 AND c.id = due.id AND c.status = 'new'
           RETURNING c.id, c.amount`,
          [resellerId, batchSize],
        );
        if (expired.length === 0) return 0;
        await tx.query('DELETE FROM card_pin_lookup WHERE reseller_id = $1 AND card_id = ANY($2::uuid[])', [
          resellerId,
          expired.map((e) => e.id),
        ]);
        await appendCardChanges(tx, resellerId, { ids: expired.map((e) => e.id) });
        const total = expired.reduce((s, e) => s + toMinor(e.amount), 0);
        await returnCardValue(tx, owner, total, {
          kind: 'card_expiry',
          memo: `${expired.length} cards expired`,
        });
        cards += expired.length;
        value += total;
        return expired.length;
      });
      if (done < batchSize) break;
    }
  }
  return { cards, value, resellers: due.length };
}

/**
 * Runs `expireCards` every `intervalMs` (and once at start) until stopped; a failed run is logged (message only) and
 * the next one tries again.
 */
export function startCardExpiryJob(db: Database, intervalMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = expireCards(db).catch((err: unknown) => {
      if (!stopped) console.error(`card expiry run failed: ${(err as Error).message}`);
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
