import { AppError } from '../../core/app-error';
import { pinSpaceProblem, SHORT_PIN_LENGTH } from '../../core/cards/card-pin';
import { visibleResellerIds } from '../resellers/reseller-service';
import { MAX_RESERVE_HELD, type CardPinPair } from '../../core/cards/card-schemas';
import { formatSerial } from '../../core/cards/card-serial';
import { uuidv7 } from '../../core/uuidv7';
import type { Database, Queryable } from '../db/database';
import { bulkInsert } from '../db/bulk-insert';
import type { CardKeys } from './card-keys';
import {
  cardAad,
  claimPins,
  liveCardsWithPinLength,
  reserveSerialNumbers,
  type DraftCard,
} from './card-minting';
import { newPin, openPin, pinLookupHash, sealPin } from './pin-crypto';

/** The terminal a reserve belongs to. */
export interface ReserveHolder {
  readonly resellerId: string;
  readonly terminalId: string;
}

/**
 * Tops up a terminal's PIN reserve by `add` fresh pairs and answers every pair it holds (so an answer lost on the way
 * is recovered by the next call). A pair is a serial of the given prefix and a CSPRNG PIN, unique among live cards
 * (its HMAC is in the global lookup from now on) and stored encrypted; it carries no value and cannot be redeemed
 * until a `card.batch` of that terminal activates it. A terminal holds at most {@link MAX_RESERVE_HELD} pairs.
 */
export async function fillReserve(
  db: Database,
  keys: CardKeys,
  holder: ReserveHolder,
  request: {
    readonly add: number;
    readonly prefix: string;
    readonly pinLength: number;
    readonly release: readonly string[];
  },
): Promise<CardPinPair[]> {
  // Reserve pairs carry no value yet: they must not eat into the shared space of short PINs (every reseller's).
  if (request.pinLength < SHORT_PIN_LENGTH)
    throw new AppError('invalid_input', `reserve PINs have at least ${SHORT_PIN_LENGTH} digits`);
  return db.transaction(async (tx) => {
    if (request.release.length > 0) {
      // Pairs of a batch the server rejected: their PINs may be printed on void sheets, so they die here.
      const gone = await tx.query<{ id: string }>(
        `DELETE FROM card_reserve WHERE reseller_id = $1 AND terminal_id = $2 AND id = ANY($3::uuid[]) RETURNING id`,
        [holder.resellerId, holder.terminalId, request.release.map((id) => id.toLowerCase())],
      );
      await tx.query('DELETE FROM card_pin_lookup WHERE reseller_id = $1 AND card_id = ANY($2::uuid[])', [
        holder.resellerId,
        gone.map((g) => g.id),
      ]);
    }
    if (request.add > 0) {
      // One top-up at a time per terminal, so two concurrent ones cannot both pass the cap.
      await tx.query('SELECT 1 FROM terminals WHERE reseller_id = $1 AND id = $2 FOR UPDATE', [
        holder.resellerId,
        holder.terminalId,
      ]);
      const held = await heldCount(tx, holder);
      if (held + request.add > MAX_RESERVE_HELD)
        throw new AppError(
          'reserve_full',
          `this terminal holds ${held} reserve pairs; at most ${MAX_RESERVE_HELD} may be held`,
        );
      await mintPairs(tx, keys, holder, request);
    }
    return heldPairs(tx, keys, holder);
  });
}

async function heldCount(tx: Queryable, h: ReserveHolder): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM card_reserve WHERE reseller_id = $1 AND terminal_id = $2',
    [h.resellerId, h.terminalId],
  );
  return rows[0]!.n;
}

async function mintPairs(
  tx: Queryable,
  keys: CardKeys,
  h: ReserveHolder,
  r: { readonly add: number; readonly prefix: string; readonly pinLength: number },
): Promise<void> {
  const live = r.pinLength < SHORT_PIN_LENGTH ? await liveCardsWithPinLength(tx, r.pinLength) : 0;
  const problem = pinSpaceProblem(r.pinLength, r.add, live);
  if (problem) throw new AppError('pin_space_too_small', problem);
  const first = await reserveSerialNumbers(tx, h.resellerId, r.prefix, r.add);
  const taken = new Set<string>();
  const drafts: DraftCard[] = [];
  for (let i = 0; i < r.add; i++) {
    let pin = newPin(r.pinLength);
    while (taken.has(pin)) pin = newPin(r.pinLength);
    taken.add(pin);
    const id = uuidv7();
    drafts.push({
      id,
      pin,
      hmac: pinLookupHash(keys, pin),
      sealed: sealPin(keys, pin, cardAad(h.resellerId, id)),
    });
  }
  await claimPins(tx, keys, h.resellerId, r.pinLength, drafts, taken, newPin);
  await bulkInsert(
    tx,
    'card_reserve',
    [
      { name: 'reseller_id', type: 'uuid' },
      { name: 'id', type: 'uuid' },
      { name: 'terminal_id', type: 'uuid' },
      { name: 'serial', type: 'text' },
      { name: 'pin_length', type: 'smallint' },
      { name: 'pin_ciphertext', type: 'bytea' },
      { name: 'pin_nonce', type: 'bytea' },
      { name: 'pin_key_id', type: 'text' },
    ],
    drafts.map((d, i) => {
      d.pin = '';
      return [
        h.resellerId,
        d.id,
        h.terminalId,
        formatSerial(r.prefix, first + i),
        r.pinLength,
        d.sealed.ciphertext,
        d.sealed.nonce,
        d.sealed.keyId,
      ];
    }),
  );
}

async function heldPairs(tx: Queryable, keys: CardKeys, h: ReserveHolder): Promise<CardPinPair[]> {
  const rows = await tx.query<{
    id: string;
    serial: string;
    pin_length: number;
    pin_ciphertext: Buffer;
    pin_nonce: Buffer;
    pin_key_id: string;
  }>(
    `SELECT id, serial, pin_length, pin_ciphertext, pin_nonce, pin_key_id FROM card_reserve
      WHERE reseller_id = $1 AND terminal_id = $2 ORDER BY serial`,
    [h.resellerId, h.terminalId],
  );
  return rows.map((r) => ({
    id: r.id,
    serial: r.serial,
    pinLength: Number(r.pin_length),
    pin: openPin(
      keys,
      { ciphertext: r.pin_ciphertext, nonce: r.pin_nonce, keyId: r.pin_key_id },
      cardAad(h.resellerId, r.id),
    ),
  }));
}

/**
 * The PINs of a series' new cards for the terminal that minted it (it prints them), in serial order, a page at a
 * time after serial `after`. Any other terminal gets `not_found`: a PIN leaves the server only for its printer.
 */
export async function seriesPinsForTerminal(
  db: Database,
  keys: CardKeys,
  holder: ReserveHolder,
  seriesId: string,
  page: { readonly after: string | null; readonly limit: number },
): Promise<{ pairs: CardPinPair[]; hasMore: boolean }> {
  // The series may belong to an affiliate this terminal minted it for: found among the resellers it sees.
  const visible = await visibleResellerIds(db, holder.resellerId);
  const series = await db.query<{ reseller_id: string; pin_length: number }>(
    `SELECT reseller_id, pin_length FROM card_series WHERE reseller_id = ANY($1::uuid[]) AND id = $2
        AND (created_by = $3 OR terminal_id = $4::uuid)`,
    [visible, seriesId, `terminal:${holder.terminalId}`, holder.terminalId],
  );
  if (!series[0]) throw new AppError('not_found', 'no such series of this terminal');
  // The series' cards wherever this terminal still sees them (a mass edit may have moved some to another owner).
  const rows = await db.query<{
    reseller_id: string;
    id: string;
    serial: string;
    pin_ciphertext: Buffer;
    pin_nonce: Buffer;
    pin_key_id: string;
  }>(
    `SELECT reseller_id, id, serial, pin_ciphertext, pin_nonce, pin_key_id FROM cards
      WHERE reseller_id = ANY($1::uuid[]) AND series_id = $2 AND status = 'new'
        AND ($3::text IS NULL OR serial > $3)
      ORDER BY serial LIMIT $4`,
    [visible, seriesId, page.after, page.limit + 1],
  );
  const pinLength = Number(series[0]!.pin_length);
  const pairs = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    serial: r.serial,
    pinLength,
    pin: openPin(
      keys,
      { ciphertext: r.pin_ciphertext, nonce: r.pin_nonce, keyId: r.pin_key_id },
      cardAad(r.reseller_id, r.id),
    ),
  }));
  return { pairs, hasMore: rows.length > page.limit };
}
