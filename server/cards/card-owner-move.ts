import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/app-error';
import { parseSerial } from '../../core/cards/card-serial';
import { uuidv7 } from '../../core/uuidv7';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';
import { writeJournal } from '../ledger/journal-writer';
import { appendChanges } from '../sync/change-feed';
import { balanceAlertChanges } from '../wallet/balance-alert';
import { appendCardDeletions, feedsOf } from './card-feed';
import { ensureCardLiabilityAccount, lockCardOwners, returnCardValue } from './card-liability';
import type { CardKeys } from './card-keys';
import { cardAad } from './card-minting';
import { openPin, PIN_NONCE_BYTES, sealPin } from './pin-crypto';

/** Why a new, unexpired card could not move to the new owner. */
export interface MoveSkips {
  /** It belongs to the new owner already. */
  sameOwner: number;
  /** The new owner has a card with the same serial (or two moving cards share one). */
  serialTaken: number;
  /** The new owner keeps its credits in another currency than the card's. */
  otherCurrency: number;
}

/** What an owner move did: the cards that moved, the ones already owned, and the ones skipped. */
export interface MoveResult {
  readonly moved: readonly string[];
  /** Cards that belong to the new owner already (an expiry set still applies to them). */
  readonly alreadyOwned: readonly string[];
  readonly skips: MoveSkips;
}

interface MovingCard {
  id: string;
  reseller_id: string;
  serial: string;
  amount: unknown;
  currency: string;
  pin_ciphertext: Buffer;
  pin_nonce: Buffer;
  pin_key_id: string;
}

/**
 * Moves the given cards (new and unexpired ones only; the caller picked them) to `newOwnerId`, in the caller's
 * transaction. Value moves with the card as it does at minting, where the owner pays: each former owner's card
 * liability returns the face value to its credits (one journal entry per former owner), and the new owner's credits
 * pay it into its card liability (one entry), refused as a whole when they do not cover it. Each card's row and PIN
 * lookup row change owner, its PIN is sealed again bound to the new owner (and under the current key), the new owner
 * gets a row of each series (grant validity, for redemption), and the feeds follow: the new owner's (and its parent's)
 * get the cards, a former owner's feeds that no longer see them get their deletion.
 *
 * Locks: every reseller involved in id order, then their card liability rows in id order, then the cards: the lock
 * order of every path that moves card value.
 */
export async function moveCards(
  tx: Queryable,
  keys: CardKeys,
  cardIds: readonly string[],
  newOwnerId: string,
  callerOwners: readonly string[],
): Promise<MoveResult> {
  const skips: MoveSkips = { sameOwner: 0, serialTaken: 0, otherCurrency: 0 };
  if (cardIds.length === 0) return { moved: [], alreadyOwned: [], skips };
  // The owners involved, read before locking (the locks come first), then re-read under them. Only owners the caller
  // may edit count: a card another terminal moved out of the caller's sight meanwhile is left alone.
  const before = await tx.query<{ reseller_id: string; serial: string }>(
    'SELECT reseller_id, serial FROM cards WHERE id = ANY($1::uuid[]) AND reseller_id = ANY($2::uuid[])',
    [cardIds, [...callerOwners, newOwnerId]],
  );
  // The new owner's serial counters move past the numbers that may move in, before any reseller lock: minting takes
  // the counter first and the owner's lock last, so this order cannot deadlock with it. A counter only ever rises;
  // numbers of cards that end up skipped are a harmless gap.
  const highest = new Map<string, number>();
  for (const c of before) {
    if (c.reseller_id === newOwnerId) continue;
    const parsed = parseSerial(c.serial);
    if (parsed) highest.set(parsed.prefix, Math.max(highest.get(parsed.prefix) ?? 0, parsed.number));
  }
  if (highest.size > 0)
    await tx.query(
      `INSERT INTO card_serial_counters (reseller_id, prefix, last_number)
       SELECT $1, t.prefix, t.last FROM unnest($2::text[], $3::int[]) AS t(prefix, last)
       ON CONFLICT (reseller_id, prefix)
       DO UPDATE SET last_number = greatest(card_serial_counters.last_number, excluded.last_number)`,
      [newOwnerId, [...highest.keys()], [...highest.values()]],
    );
  const locked = await lockCardOwners(tx, [newOwnerId, ...before.map((r) => r.reseller_id)]);
  const involved = [...locked.keys()];
  const newOwner = locked.get(newOwnerId)!;

  const cards = await tx.query<MovingCard>(
    `SELECT c.id, c.reseller_id, c.serial, c.amount, rtrim(c.currency) AS currency, c.pin_ciphertext, c.pin_nonce,
            c.pin_key_id
       FROM cards c
      WHERE c.reseller_id = ANY($1::uuid[]) AND c.id = ANY($2::uuid[])
        AND c.status = 'new' AND c.expires_at > now()
      ORDER BY c.reseller_id, c.id
        FOR UPDATE`,
    [involved, cardIds],
  );
  const alreadyOwned = cards.filter((c) => c.reseller_id === newOwnerId).map((c) => c.id);
  skips.sameOwner = alreadyOwned.length;
  const candidates = cards.filter((c) => c.reseller_id !== newOwnerId);
  // A serial the new owner holds as a card or as a pair of a terminal's PIN reserve (a batch drawn from it offline
  // will become a card with that serial) is taken.
  const taken = new Set(
    (
      await tx.query<{ serial: string }>(
        `SELECT serial FROM cards WHERE reseller_id = $1 AND serial = ANY($2::text[])
         UNION SELECT serial FROM card_reserve WHERE reseller_id = $1 AND serial = ANY($2::text[])`,
        [newOwnerId, candidates.map((c) => c.serial)],
      )
    ).map((r) => r.serial),
  );
  const moving: MovingCard[] = [];
  for (const c of candidates) {
    if (c.currency !== newOwner.currency) skips.otherCurrency += 1;
    else if (taken.has(c.serial)) skips.serialTaken += 1;
    else {
      taken.add(c.serial);
      moving.push(c);
    }
  }
  if (moving.length === 0) return { moved: [], alreadyOwned, skips };

  const bySource = new Map<string, MovingCard[]>();
  for (const c of moving) bySource.set(c.reseller_id, [...(bySource.get(c.reseller_id) ?? []), c]);
  const total = moving.reduce((s, c) => s + toMinor(c.amount), 0);
  if (newOwner.balance < total)
    throw new AppError(
      'insufficient_credits',
      `these cards are worth ${total} and the new owner has ${newOwner.balance} credits`,
      { required: total, balance: newOwner.balance },
    );

  // The PINs, sealed again for the new owner (nonces drawn in one CSPRNG call).
  const nonces = randomBytes(PIN_NONCE_BYTES * moving.length);
  const sealed = moving.map((c, i) => {
    const pin = openPin(
      keys,
      { ciphertext: c.pin_ciphertext, nonce: c.pin_nonce, keyId: c.pin_key_id },
      cardAad(c.reseller_id, c.id),
    );
    return sealPin(
      keys,
      pin,
      cardAad(newOwnerId, c.id),
      nonces.subarray(i * PIN_NONCE_BYTES, (i + 1) * PIN_NONCE_BYTES),
    );
  });
  const ids = moving.map((c) => c.id);
  await tx.query(
    `UPDATE cards c SET reseller_id = $1, pin_ciphertext = t.ct, pin_nonce = t.nonce, pin_key_id = t.key_id
       FROM unnest($2::uuid[], $3::uuid[], $4::bytea[], $5::bytea[], $6::text[]) AS t(id, owner, ct, nonce, key_id)
      WHERE c.reseller_id = t.owner AND c.id = t.id`,
    [
      newOwnerId,
      ids,
      moving.map((c) => c.reseller_id),
      sealed.map((s) => s.ciphertext),
      sealed.map((s) => s.nonce),
      sealed.map((s) => s.keyId),
    ],
  );
  await tx.query('UPDATE card_pin_lookup SET reseller_id = $1 WHERE card_id = ANY($2::uuid[])', [
    newOwnerId,
    ids,
  ]);

  // Value: back to each former owner, then paid by the new one.
  for (const [sourceId, moved] of [...bySource].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const value = moved.reduce((s, c) => s + toMinor(c.amount), 0);
    await returnCardValue(tx, locked.get(sourceId)!, value, {
      kind: 'card_move_out',
      memo: `${moved.length} cards moved to reseller ${newOwnerId}`,
    });
  }
  const liabilityId = await ensureCardLiabilityAccount(tx, newOwnerId, newOwner.currency);
  const entryId = uuidv7();
  const balances = await writeJournal(tx, newOwnerId, [
    {
      id: entryId,
      kind: 'card_move_in',
      commandId: null,
      memo: `${moving.length} cards moved in`,
      lines: [
        { accountId: newOwner.creditAccountId, amount: -total, currency: newOwner.currency },
        { accountId: liabilityId, amount: total, currency: newOwner.currency },
      ],
    },
  ]);
  await appendChanges(tx, newOwnerId, [
    // The new owner paid for the cards: a debit like any other (balance alert here, auto top-up after the commit).
    ...(await balanceAlertChanges(
      tx,
      newOwnerId,
      newOwner.currency,
      newOwner.balance,
      balances.get(newOwner.creditAccountId)!,
    )),
    {
      kind: 'balance',
      data: {
        resellerId: newOwnerId,
        currency: newOwner.currency,
        balance: balances.get(newOwner.creditAccountId)!,
      },
    },
  ]);

  // The new owner's row of each series the cards came from (its grant validity is what a redemption reads).
  await tx.query(
    `INSERT INTO card_series (reseller_id, id, prefix, first_number, quantity, amount, currency, pin_length,
                              expires_at, grant_validity_days, entry_id, created_by)
     SELECT DISTINCT ON (s.id) $1::uuid, s.id, s.prefix, s.first_number, s.quantity, s.amount, s.currency,
            s.pin_length, s.expires_at, s.grant_validity_days, $2::uuid, 'moved'
       FROM unnest($3::uuid[], $4::uuid[]) AS t(id, owner)
       JOIN cards c ON c.reseller_id = $1 AND c.id = t.id
       JOIN card_series s ON s.reseller_id = t.owner AND s.id = c.series_id
     ON CONFLICT (reseller_id, id) DO NOTHING`,
    [newOwnerId, entryId, ids, moving.map((c) => c.reseller_id)],
  );

  // Feeds that saw a moved card and no longer do get its deletion; the new owner's feeds get the cards (the caller
  // appends them once the edit is complete).
  const newFeeds = new Set(await feedsOf(tx, newOwnerId));
  for (const [sourceId, moved] of bySource) {
    const lost = (await feedsOf(tx, sourceId)).filter((f) => !newFeeds.has(f));
    await appendCardDeletions(
      tx,
      sourceId,
      moved.map((c) => c.id),
      lost,
    );
  }
  return { moved: ids, alreadyOwned, skips };
}
