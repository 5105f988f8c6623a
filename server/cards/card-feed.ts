import type { Queryable } from '../db/database';
import { reserveFeedSeqs } from '../sync/change-feed';

/** Cards per change-feed entry: a 100,000-card series is 4,000 entries, a pull page of 500 entries 12,500 cards. */
export const CARDS_PER_CHANGE = 25;

/** Which cards changed: every card of a series, or the cards with these ids. */
export type CardSelection = { readonly seriesId: string } | { readonly ids: readonly string[] };

/** A card row as the feed's JSON: the database function `card_view_json` (migration 0011), the one definition. */
const CARD_JSON = 'card_view_json(c)';

/**
 * Appends the current state of the selected cards of `ownerId` to the change feed of the owner and of its parent
 * reseller (whose terminals list their affiliates' cards too), {@link CARDS_PER_CHANGE} cards per entry, in serial
 * order. Built in SQL, so a 100,000-card series never passes through Node. Call in the transaction that changed them.
 */
export async function appendCardChanges(tx: Queryable, ownerId: string, which: CardSelection): Promise<void> {
  const filter = 'seriesId' in which ? 'c.series_id = $2::uuid' : 'c.id = ANY($2::uuid[])';
  const arg = 'seriesId' in which ? which.seriesId : which.ids;
  if (!('seriesId' in which) && which.ids.length === 0) return;
  for (const feed of await feedsOf(tx, ownerId)) {
    // Reserve the seqs first (the counter row stays locked until commit, as appendChanges does), then insert.
    await tx.query(
      `WITH n AS (SELECT count(*) AS cards FROM cards c WHERE c.reseller_id = $1 AND ${filter}),
            bumped AS (
              UPDATE change_counters SET last_seq = last_seq + (SELECT ((cards + $4::int - 1) / $4::int)::bigint FROM n)
               WHERE reseller_id = $3 RETURNING last_seq - (SELECT ((cards + $4::int - 1) / $4::int)::bigint FROM n) AS base),
            v AS (SELECT (row_number() OVER (ORDER BY c.serial) - 1) / $4::int AS grp, c.serial, ${CARD_JSON} AS card
                    FROM cards c WHERE c.reseller_id = $1 AND ${filter})
       INSERT INTO changes (reseller_id, seq, kind, data)
       SELECT $3, bumped.base + v.grp + 1, 'cards', jsonb_build_object('cards', jsonb_agg(v.card ORDER BY v.serial))
         FROM v, bumped GROUP BY bumped.base, v.grp`,
      [ownerId, arg, feed, CARDS_PER_CHANGE],
    );
  }
}

/**
 * Appends the deletion of cards of `ownerId` to the feeds of the owner and its parent, or to the given ones of them
 * (a card that moved to another owner leaves only the feeds that no longer see it).
 */
export async function appendCardDeletions(
  tx: Queryable,
  ownerId: string,
  ids: readonly string[],
  feeds?: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += CARDS_PER_CHANGE * 20)
    chunks.push(ids.slice(i, i + CARDS_PER_CHANGE * 20));
  for (const feed of feeds ?? (await feedsOf(tx, ownerId))) {
    const first = await reserveFeedSeqs(tx, feed, chunks.length);
    await tx.query(
      `INSERT INTO changes (reseller_id, seq, kind, data)
       SELECT $1, $2::bigint + t.i - 1, 'cards_deleted', jsonb_build_object('ids', t.ids_json)
         FROM unnest($3::jsonb[]) WITH ORDINALITY AS t(ids_json, i)`,
      [feed, first, chunks.map((c) => JSON.stringify(c))],
    );
  }
}

/** The feeds a card of `ownerId` belongs to: the owner's, and its parent's when it is an affiliate. */
export async function feedsOf(tx: Queryable, ownerId: string): Promise<string[]> {
  const rows = await tx.query<{ parent_id: string | null }>('SELECT parent_id FROM resellers WHERE id = $1', [
    ownerId,
  ]);
  const parent = rows[0]?.parent_id ?? null;
  return parent ? [ownerId, parent] : [ownerId];
}

/** Card ids per compact `cards_minted` entry: a 100,000-card series is 400 entries of about 9.5 KB. */
export const MINTED_IDS_PER_CHANGE = 250;

/** What every card of a freshly minted series shares (the feed entry states it once). */
export interface MintedSeries {
  readonly seriesId: string;
  readonly ownerId: string;
  readonly prefix: string;
  /** The number of the series' first serial; card i has number firstNumber + i. */
  readonly firstNumber: number;
  readonly amount: number;
  readonly currency: string;
  readonly expiresAt: string;
}

/**
 * Appends a freshly minted series to the feeds of its owner and of the owner's parent as compact `cards_minted`
 * entries: the shared fields once, and {@link MINTED_IDS_PER_CHANGE} card ids in serial order per entry (the terminal
 * derives each serial from `firstNumber`). Every card is new, unredeemed and created now (the transaction's time, as
 * the rows' `created_at`). Call in the minting transaction, after the cards are stored.
 */
export async function appendMintedCards(
  tx: Queryable,
  series: MintedSeries,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const groups: string[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < ids.length; i += MINTED_IDS_PER_CHANGE) {
    groups.push(JSON.stringify(ids.slice(i, i + MINTED_IDS_PER_CHANGE)));
    offsets.push(i);
  }
  for (const feed of await feedsOf(tx, series.ownerId)) {
    const first = await reserveFeedSeqs(tx, feed, groups.length);
    await tx.query(
      `INSERT INTO changes (reseller_id, seq, kind, data)
       SELECT $1, $2::bigint + t.i - 1, 'cards_minted', jsonb_build_object(
                'seriesId', $5::uuid, 'ownerId', $6::uuid, 'prefix', $7::text, 'firstNumber', $8::int + t.off,
                'amount', $9::bigint, 'currency', $10::text,
                'expiresAt', to_char($11::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'createdAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'ids', t.ids)
         FROM unnest($3::jsonb[], $4::int[]) WITH ORDINALITY AS t(ids, off, i)`,
      [
        feed,
        first,
        groups,
        offsets,
        series.seriesId,
        series.ownerId,
        series.prefix,
        series.firstNumber,
        series.amount,
        series.currency,
        series.expiresAt,
      ],
    );
  }
}
