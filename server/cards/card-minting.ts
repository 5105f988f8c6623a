import { AppError } from '../../core/app-error';
import { pinSpaceProblem, SHORT_PIN_LENGTH } from '../../core/cards/card-pin';
import type { MintSeriesResult } from '../../core/cards/card-schemas';
import { formatSerial, MAX_SERIAL_NUMBER } from '../../core/cards/card-serial';
import { uuidv7 } from '../../core/uuidv7';
import type { Database, Queryable } from '../db/database';
import { writeJournal } from '../ledger/journal-writer';
import { lockReseller } from '../resellers/reseller-lock';
import { visibleResellerIds } from '../resellers/reseller-service';
import { appendChanges } from '../sync/change-feed';
import { balanceAlertChanges } from '../wallet/balance-alert';
import type { CardKeys } from './card-keys';
import { appendMintedCards } from './card-feed';
import { ensureCardLiabilityAccount } from './card-liability';
import { randomBytes } from 'node:crypto';
import { newPin, PIN_NONCE_BYTES, pinLookupHash, sealPin, type SealedPin } from './pin-crypto';

/** A series to mint, validated by core/cards/card-schemas.ts. */
export interface MintSeriesInput {
  /** The caller's id for the series (a repeat answers the first mint), or null. */
  readonly seriesId?: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly quantity: number;
  readonly prefix: string;
  readonly pinLength: number;
  readonly ownerId: string;
  readonly expiresAt: string;
  readonly grantValidityDays: number | null;
}

/** Who asks for the series: the operator, or a terminal of a reseller (then the owner must be it or an affiliate). */
export type MintRequester =
  | { readonly kind: 'operator' }
  | { readonly kind: 'terminal'; readonly resellerId: string; readonly terminalId: string };

/** What minting is built from; tests swap the PIN source to provoke collisions. */
export interface MintDeps {
  readonly db: Database;
  readonly keys: CardKeys;
  readonly newPin?: (length: number) => string;
}

/** Rounds of fresh PINs for the ones that collided before minting gives up. */
const COLLISION_ROUNDS = 8;
/** Cards per chunk: made in memory while PostgreSQL stores the chunk before. */
const CHUNK = 2_500;

/** One card being minted; its PIN lives only in memory (and sealed), and is dropped once the rows are built. */
export interface DraftCard {
  readonly id: string;
  pin: string;
  hmac: Buffer;
  sealed: SealedPin;
}

/**
 * Mints a series: every card with a fresh CSPRNG PIN, unique among live cards (PIN HMACs inserted into the global
 * lookup, collisions drawn again), stored encrypted, and one journal entry moving the face value from the owner's
 * credits into its card liability account. All in one transaction; refused when credits do not cover it or the PIN
 * length's space cannot carry the quantity.
 */
export async function mintSeries(
  deps: MintDeps,
  requester: MintRequester,
  input: MintSeriesInput,
): Promise<MintSeriesResult> {
  if (Date.parse(input.expiresAt) <= Date.now())
    throw new AppError('invalid_input', 'the expiry date of a series must be in the future');
  const total = input.amount * input.quantity;
  if (!Number.isSafeInteger(total))
    throw new AppError('invalid_input', 'the face value of this series is too large');
  const pinOf = deps.newPin ?? newPin;
  const ownerId = input.ownerId.toLowerCase();
  const createdBy = requester.kind === 'operator' ? 'operator' : `terminal:${requester.terminalId}`;
  if (input.seriesId) {
    const prior = await mintedBefore(deps.db, ownerId, input.seriesId, createdBy);
    if (prior) return prior;
    const taken = await deps.db.query('SELECT 1 FROM card_series WHERE id = $1', [
      input.seriesId.toLowerCase(),
    ]);
    if (taken.length > 0) throw new AppError('conflict', 'this series id is already used by another series');
  }
  try {
    return await mintInTransaction(deps, requester, input, ownerId, createdBy, pinOf);
  } catch (err) {
    // Two identical requests at once: the second one's series row collides with the first; answer the first.
    if (input.seriesId && (err as { code?: string }).code === '23505') {
      const prior = await mintedBefore(deps.db, ownerId, input.seriesId, createdBy);
      if (prior) return prior;
      throw new AppError('conflict', 'this series id is already used by another series');
    }
    throw err;
  }
}

/** The answer of a series minted before with this id by the same requester, or null. */
async function mintedBefore(
  q: Queryable,
  ownerId: string,
  seriesId: string,
  createdBy: string,
): Promise<MintSeriesResult | null> {
  const rows = await q.query<{
    prefix: string;
    first_number: number;
    quantity: number;
    amount: string;
    currency: string;
    entry_id: string;
    expires_at: Date | string;
    balance: string;
  }>(
    `SELECT s.prefix, s.first_number, s.quantity, s.amount::text AS amount, s.currency, s.entry_id, s.expires_at,
            a.balance::text AS balance
       FROM card_series s JOIN resellers r ON r.id = s.reseller_id
       JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id
      WHERE s.reseller_id = $1 AND s.id = $2 AND s.created_by = $3`,
    [ownerId, seriesId.toLowerCase(), createdBy],
  );
  const s = rows[0];
  if (!s) return null;
  const amount = Number(s.amount);
  return {
    seriesId: seriesId.toLowerCase(),
    ownerId,
    prefix: s.prefix,
    quantity: Number(s.quantity),
    firstSerial: formatSerial(s.prefix, Number(s.first_number)),
    lastSerial: formatSerial(s.prefix, Number(s.first_number) + Number(s.quantity) - 1),
    amount,
    currency: s.currency.trim(),
    totalValue: amount * Number(s.quantity),
    entryId: s.entry_id,
    balance: Number(s.balance),
    expiresAt: new Date(s.expires_at).toISOString(),
  };
}

async function mintInTransaction(
  deps: MintDeps,
  requester: MintRequester,
  input: MintSeriesInput,
  ownerId: string,
  createdBy: string,
  pinOf: (length: number) => string,
): Promise<MintSeriesResult> {
  const total = input.amount * input.quantity;
  // The owner's lock is taken only for the journal entry at the end, so a big series holds up none of the owner's
  // sales while its rows are written. The CPU work (PINs, HMACs, ciphertexts) is done chunk by chunk while
  // PostgreSQL stores the chunk before.
  const taken = new Set<string>();
  /** A fresh PIN not drawn before in this series (the lookup table catches the ones other cards hold). */
  const freshPin = (): string => {
    let pin = pinOf(input.pinLength);
    for (let tries = 0; taken.has(pin) && tries < COLLISION_ROUNDS; tries++) pin = pinOf(input.pinLength);
    if (taken.has(pin)) throw pinSpaceExhausted(input.pinLength);
    taken.add(pin);
    return pin;
  };
  /** Gives each card a new PIN, its lookup HMAC and its ciphertext (nonces drawn in one CSPRNG call). */
  const seal = (cards: MintDraft[]): void => {
    const nonces = randomBytes(PIN_NONCE_BYTES * cards.length);
    cards.forEach((c, i) => {
      c.pin = freshPin();
      c.hmac = pinLookupHash(deps.keys, c.pin);
      c.sealed = sealPin(
        deps.keys,
        c.pin,
        cardAad(ownerId, c.id),
        nonces.subarray(i * PIN_NONCE_BYTES, (i + 1) * PIN_NONCE_BYTES),
      );
      c.pin = '';
    });
  };
  return deps.db.transaction(async (tx) => {
    if (requester.kind === 'terminal') {
      const visible = await visibleResellerIds(tx, requester.resellerId);
      if (!visible.includes(ownerId))
        throw new AppError('forbidden', 'the owner must be this reseller or one of its affiliates');
    }
    // Checked now without the lock (to fail fast), and again under it before the debit.
    const unlocked = await readOwner(tx, ownerId);
    if (unlocked.currency !== input.currency)
      throw new AppError('invalid_input', `the owner keeps its credits in ${unlocked.currency}`);
    assertCovers(unlocked.balance, total);
    const live = input.pinLength < SHORT_PIN_LENGTH ? await liveCardsWithPinLength(tx, input.pinLength) : 0;
    const spaceProblem = pinSpaceProblem(input.pinLength, input.quantity, live);
    if (spaceProblem) throw new AppError('pin_space_too_small', spaceProblem);
    const firstNumber = await reserveSerialNumbers(tx, ownerId, input.prefix, input.quantity);

    const seriesId = input.seriesId?.toLowerCase() ?? uuidv7();
    const serialOf = (i: number) => formatSerial(input.prefix, firstNumber + i);
    const store: CardStore = {
      ownerId,
      seriesId,
      pinLength: input.pinLength,
      amount: input.amount,
      currency: input.currency,
      keyId: deps.keys.currentKeyId,
      expiresAt: input.expiresAt,
    };
    const ids: string[] = [];
    let collided: MintDraft[] = [];
    let inFlight: Promise<MintDraft[]> | null = null;
    for (let start = 0; start < input.quantity; start += CHUNK) {
      const chunk: MintDraft[] = [];
      for (let i = start; i < Math.min(start + CHUNK, input.quantity); i++) {
        const id = uuidv7();
        ids.push(id);
        chunk.push({ id, serial: serialOf(i), pin: '', hmac: EMPTY, sealed: NOT_SEALED });
      }
      seal(chunk);
      // The chunk before was sent before this one was made, so PostgreSQL stores it while Node seals this one.
      if (inFlight) collided = collided.concat(await inFlight);
      inFlight = storeCards(tx, store, chunk);
      inFlight.catch(() => undefined);
    }
    if (inFlight) collided = collided.concat(await inFlight);
    // Cards whose PIN another live card holds (the lookup refused it): fresh PINs, for a few rounds.
    for (let round = 0; collided.length > 0; round++) {
      if (round >= COLLISION_ROUNDS) throw pinSpaceExhausted(input.pinLength);
      seal(collided);
      collided = await storeCards(tx, store, collided);
    }

    const owner = await lockReseller(tx, ownerId);
    assertCovers(owner.balance, total);
    const liabilityId = await ensureCardLiabilityAccount(tx, owner.id, owner.currency);
    const entryId = uuidv7();
    const balances = await writeJournal(tx, owner.id, [
      {
        id: entryId,
        kind: 'card_series',
        commandId: null,
        memo: `series ${input.prefix} x${input.quantity}`,
        lines: [
          { accountId: owner.creditAccountId, amount: -total, currency: input.currency },
          { accountId: liabilityId, amount: total, currency: input.currency },
        ],
      },
    ]);
    const balance = balances.get(owner.creditAccountId)!;
    // The owner's terminals learn their new credit balance from the change feed, as after any other debit.
    await appendChanges(tx, owner.id, [
      ...(await balanceAlertChanges(tx, owner.id, owner.currency, owner.balance, balance)),
      { kind: 'balance', data: { resellerId: owner.id, currency: owner.currency, balance } },
    ]);
    await tx.query(
      `INSERT INTO card_series (reseller_id, id, prefix, first_number, quantity, amount, currency, pin_length,
                                expires_at, grant_validity_days, entry_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        owner.id,
        seriesId,
        input.prefix,
        firstNumber,
        input.quantity,
        input.amount,
        input.currency,
        input.pinLength,
        input.expiresAt,
        input.grantValidityDays,
        entryId,
        createdBy,
      ],
    );
    // The owner's terminals (and its parent's) mirror the cards, without PINs, from the change feed: compact entries
    // (ids in serial order; the terminal derives serials and the shared fields).
    await appendMintedCards(
      tx,
      {
        seriesId,
        ownerId: owner.id,
        prefix: input.prefix,
        firstNumber,
        amount: input.amount,
        currency: input.currency,
        expiresAt: input.expiresAt,
      },
      ids,
    );
    return {
      seriesId,
      ownerId: owner.id,
      prefix: input.prefix,
      quantity: input.quantity,
      firstSerial: serialOf(0),
      lastSerial: serialOf(input.quantity - 1),
      amount: input.amount,
      currency: input.currency,
      totalValue: total,
      entryId,
      balance,
      expiresAt: new Date(input.expiresAt).toISOString(),
    };
  });
}

/** The additional data a card's PIN ciphertext is bound to, so it cannot be moved to another card. */
export function cardAad(resellerId: string, cardId: string): string {
  return `${resellerId}:${cardId}`;
}

/** A card being minted: its serial, and its PIN in memory until sealed. */
interface MintDraft extends DraftCard {
  readonly serial: string;
}

const EMPTY = Buffer.alloc(0);
const NOT_SEALED: SealedPin = { ciphertext: EMPTY, nonce: EMPTY, keyId: '' };

/** What every card of a series shares when it is stored. */
interface CardStore {
  readonly ownerId: string;
  readonly seriesId: string;
  readonly pinLength: number;
  readonly amount: number;
  readonly currency: string;
  readonly keyId: string;
  readonly expiresAt: string;
}

/**
 * Stores sealed cards in one statement: their PIN HMACs go into the global lookup, and the cards whose HMAC went in
 * are inserted. A PIN another live card holds is not inserted (ON CONFLICT DO NOTHING); those cards are answered, to
 * be sealed again with a fresh PIN. The fixed-width values travel packed, one binary parameter per column (ids,
 * HMACs, ciphertexts, nonces), and the serials as one comma-separated text: per-element array literals cost more
 * to build and to parse than storing the rows.
 */
async function storeCards(tx: Queryable, s: CardStore, cards: readonly MintDraft[]): Promise<MintDraft[]> {
  const ctBytes = s.pinLength + GCM_TAG_BYTES;
  const ids = Buffer.allocUnsafe(16 * cards.length);
  const hmacs = Buffer.allocUnsafe(HMAC_BYTES * cards.length);
  const cts = Buffer.allocUnsafe(ctBytes * cards.length);
  const nonces = Buffer.allocUnsafe(PIN_NONCE_BYTES * cards.length);
  cards.forEach((c, i) => {
    ids.write(c.id.replace(/-/g, ''), i * 16, 16, 'hex');
    c.hmac.copy(hmacs, i * HMAC_BYTES);
    if (c.sealed.ciphertext.length !== ctBytes) throw new Error('a PIN ciphertext has an unexpected length');
    c.sealed.ciphertext.copy(cts, i * ctBytes);
    c.sealed.nonce.copy(nonces, i * PIN_NONCE_BYTES);
  });
  const refused = await tx.query<{ id: string }>(
    `WITH t AS MATERIALIZED (
            SELECT encode(substr($1::bytea, (s.n - 1)::int * 16 + 1, 16), 'hex')::uuid AS id,
                   substr($2::bytea, (s.n - 1)::int * 32 + 1, 32) AS hmac,
                   s.serial,
                   substr($4::bytea, (s.n - 1)::int * $13::int + 1, $13::int) AS ct,
                   substr($5::bytea, (s.n - 1)::int * 12 + 1, 12) AS nonce
              FROM unnest(string_to_array($3::text, ',')) WITH ORDINALITY AS s(serial, n)),
          claimed AS (INSERT INTO card_pin_lookup (pin_hmac, reseller_id, card_id, pin_length)
                      SELECT t.hmac, $6, t.id, $7 FROM t ON CONFLICT (pin_hmac) DO NOTHING RETURNING card_id),
          stored AS (INSERT INTO cards (reseller_id, id, series_id, serial, amount, currency, status, pin_ciphertext,
                                        pin_nonce, pin_key_id, expires_at)
                     SELECT $6, t.id, $8, t.serial, $9, $10, 'new', t.ct, t.nonce, $11, $12
                       FROM t WHERE t.id IN (SELECT card_id FROM claimed) RETURNING 1)
     SELECT t.id FROM t WHERE t.id NOT IN (SELECT card_id FROM claimed)`,
    [
      ids,
      hmacs,
      cards.map((c) => c.serial).join(','),
      cts,
      nonces,
      s.ownerId,
      s.pinLength,
      s.seriesId,
      s.amount,
      s.currency,
      s.keyId,
      s.expiresAt,
      ctBytes,
    ],
  );
  if (refused.length === 0) return [];
  const again = new Set(refused.map((r) => r.id));
  return cards.filter((c) => again.has(c.id));
}

/** Bytes of a PIN's lookup HMAC (SHA-256) and of an AES-GCM tag. */
const HMAC_BYTES = 32;
const GCM_TAG_BYTES = 16;

/** Refuses a series its owner's credits do not cover. */
function assertCovers(balance: number, total: number): void {
  if (balance < total)
    throw new AppError(
      'insufficient_credits',
      `this series is worth ${total} and the owner has ${balance} credits`,
      {
        required: total,
        balance,
      },
    );
}

/** The owner's currency and credit balance, read without its lock. */
async function readOwner(tx: Queryable, ownerId: string): Promise<{ currency: string; balance: number }> {
  const rows = await tx.query<{ currency: string; balance: string }>(
    `SELECT r.currency, a.balance::text AS balance
       FROM resellers r JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id WHERE r.id = $1`,
    [ownerId],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'no such reseller');
  return { currency: r.currency.trim(), balance: Number(r.balance) };
}

function pinSpaceExhausted(length: number): AppError {
  return new AppError(
    'pin_space_too_small',
    `could not find enough unused ${length}-digit PINs; choose a longer PIN or a smaller quantity`,
  );
}

/** Live cards whose PIN has `length` digits (only counted for short PINs, where the space can fill up). */
export async function liveCardsWithPinLength(tx: Queryable, length: number): Promise<number> {
  const rows = await tx.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM card_pin_lookup WHERE pin_length = $1',
    [length],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Reserves `quantity` consecutive serial numbers of a prefix; answers the first. */
export async function reserveSerialNumbers(
  tx: Queryable,
  resellerId: string,
  prefix: string,
  quantity: number,
): Promise<number> {
  const rows = await tx.query<{ last_number: number }>(
    `INSERT INTO card_serial_counters (reseller_id, prefix, last_number) VALUES ($1, $2, $3)
     ON CONFLICT (reseller_id, prefix) DO UPDATE SET last_number = card_serial_counters.last_number + $3
     RETURNING last_number`,
    [resellerId, prefix, quantity],
  );
  const last = Number(rows[0]!.last_number);
  if (last > MAX_SERIAL_NUMBER)
    throw new AppError(
      'invalid_input',
      `series prefix ${prefix} has fewer than ${quantity} serial numbers left`,
    );
  return last - quantity + 1;
}

/**
 * Inserts the cards' PIN HMACs into the global lookup; a PIN another live card holds is not inserted (ON CONFLICT DO
 * NOTHING), and those cards draw a new PIN, for a few rounds.
 */
export async function claimPins(
  tx: Queryable,
  keys: CardKeys,
  resellerId: string,
  pinLength: number,
  cards: DraftCard[],
  taken: Set<string>,
  pinOf: (length: number) => string,
): Promise<void> {
  let pending = cards;
  for (let round = 0; pending.length > 0; round++) {
    if (round > COLLISION_ROUNDS) throw pinSpaceExhausted(pinLength);
    const inserted = new Set<string>();
    for (let i = 0; i < pending.length; i += CHUNK) {
      const chunk = pending.slice(i, i + CHUNK);
      const rows = await tx.query<{ card_id: string }>(
        `INSERT INTO card_pin_lookup (pin_hmac, reseller_id, card_id, pin_length)
         SELECT h, $1, c, $2 FROM unnest($3::bytea[], $4::uuid[]) AS t(h, c)
         ON CONFLICT (pin_hmac) DO NOTHING RETURNING card_id`,
        [resellerId, pinLength, chunk.map((c) => c.hmac), chunk.map((c) => c.id)],
      );
      for (const r of rows) inserted.add(r.card_id);
    }
    pending = pending.filter((c) => !inserted.has(c.id));
    for (const c of pending) {
      let pin = pinOf(pinLength);
      for (let tries = 0; taken.has(pin) && tries < COLLISION_ROUNDS; tries++) pin = pinOf(pinLength);
      taken.add(pin);
      c.pin = pin;
      c.hmac = pinLookupHash(keys, pin);
      c.sealed = sealPin(keys, pin, cardAad(resellerId, c.id));
    }
  }
}
