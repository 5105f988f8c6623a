import { AppError } from '../../core/app-error';
import { pinSpaceProblem, SHORT_PIN_LENGTH } from '../../core/cards/card-pin';
import type { MintSeriesResult } from '../../core/cards/card-schemas';
import { formatSerial, MAX_SERIAL_NUMBER } from '../../core/cards/card-serial';
import { uuidv7 } from '../../core/uuidv7';
import type { Database, Queryable } from '../db/database';
import { bulkInsert } from '../db/bulk-insert';
import { writeJournal } from '../ledger/journal-writer';
import { lockReseller } from '../resellers/reseller-lock';
import { visibleResellerIds } from '../resellers/reseller-service';
import { appendChanges } from '../sync/change-feed';
import type { CardKeys } from './card-keys';
import { appendCardChanges } from './card-feed';
import { ensureCardLiabilityAccount } from './card-liability';
import { newPin, pinLookupHash, sealPin, type SealedPin } from './pin-crypto';

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
const CHUNK = 10_000;

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
  const draft = (count: number): DraftCard[] => {
    const cards: DraftCard[] = [];
    for (let i = 0; i < count; i++) {
      let pin = pinOf(input.pinLength);
      for (let tries = 0; taken.has(pin) && tries < COLLISION_ROUNDS; tries++) pin = pinOf(input.pinLength);
      if (taken.has(pin)) throw pinSpaceExhausted(input.pinLength);
      taken.add(pin);
      const id = uuidv7();
      cards.push({
        id,
        pin,
        hmac: pinLookupHash(deps.keys, pin),
        sealed: sealPin(deps.keys, pin, cardAad(ownerId, id)),
      });
    }
    return cards;
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
    let next = draft(Math.min(CHUNK, input.quantity));
    for (let start = 0; start < input.quantity; start += CHUNK) {
      const chunk = next;
      // The lookup rows' INSERT is sent before the next chunk is made, so both run at once.
      const claimed = claimPins(tx, deps.keys, ownerId, input.pinLength, chunk, taken, pinOf);
      const after = start + chunk.length;
      try {
        next = after < input.quantity ? draft(Math.min(CHUNK, input.quantity - after)) : [];
      } catch (err) {
        await claimed.catch(() => undefined);
        throw err;
      }
      await claimed;
      const rows = chunk.map((c, i) => {
        c.pin = '';
        return [
          ownerId,
          c.id,
          seriesId,
          serialOf(start + i),
          input.amount,
          input.currency,
          'new',
          c.sealed.ciphertext,
          c.sealed.nonce,
          c.sealed.keyId,
          input.expiresAt,
        ];
      });
      await bulkInsert(tx, 'cards', CARD_COLUMNS, rows);
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
    // The owner's terminals (and its parent's) mirror the cards, without PINs, from the change feed.
    await appendCardChanges(tx, owner.id, { seriesId });
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

const CARD_COLUMNS = [
  { name: 'reseller_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'series_id', type: 'uuid' },
  { name: 'serial', type: 'text' },
  { name: 'amount', type: 'bigint' },
  { name: 'currency', type: 'bpchar' },
  { name: 'status', type: 'text' },
  { name: 'pin_ciphertext', type: 'bytea' },
  { name: 'pin_nonce', type: 'bytea' },
  { name: 'pin_key_id', type: 'text' },
  { name: 'expires_at', type: 'timestamptz' },
] as const;

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
