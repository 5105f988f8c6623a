import { AppError } from '../../core/app-error';
import { normalizePinInput } from '../../core/cards/card-pin';
import { CARD_REDEEM_FAILED_CODE, type RedeemResult } from '../../core/cards/card-schemas';
import { isValidSerial } from '../../core/cards/card-serial';
import { uuidv7 } from '../../core/uuidv7';
import { ensureCustomer } from '../customers/customer-service';
import type { Database, Queryable } from '../db/database';
import { toIso, toMinor } from '../db/sql-values';
import { TOP_UP_PRIORITY } from '../wallet/grant-spending-order';
import type { CardKeys } from './card-keys';
import { pinLookupHash } from './pin-crypto';
import { LOCK_WAIT_SQL, lockedOut, recordRedeemFailure, type LockoutKey } from './redeem-lockout-store';

/** Who redeems: a customer of a reseller, named by account number (a clerk's terminal) or by id (the customer). */
export interface Redeemer {
  readonly resellerId: string;
  readonly customer: { readonly account: string } | { readonly customerId: string };
  /** The failure counters this attempt is subject to (terminal or customer, and the source address). */
  readonly lockoutKeys: readonly LockoutKey[];
}

/** The one answer to every failed redemption, whatever the cause: no oracle. */
export function redeemFailed(): AppError {
  return new AppError(
    CARD_REDEEM_FAILED_CODE,
    'This card cannot be redeemed. Check the PIN (and serial) and try again.',
  );
}

/** Thrown inside the transaction for any miss; turned into the generic error after the rollback. */
class RedeemMiss extends Error {}

/**
 * Redeems a card for a customer: one conditional UPDATE (the card is the reseller's, new, not expired, and has the
 * scanned serial if one was given) activates it, and in the same statement, so the same transaction, the customer's
 * wallet gets a grant (priority 50) and one journal entry moves the value from the card liability account. Every
 * failure counts against the lockout keys and answers `card_redeem_failed`; a locked key answers
 * `card_redeem_locked` before any card is looked up.
 */
export async function redeemCard(
  db: Database,
  keys: CardKeys,
  who: Redeemer,
  input: { readonly pin: string; readonly serial?: string | undefined },
): Promise<RedeemResult> {
  const found = await lookUpCustomer(db, who);
  if (found.lockedForSeconds !== null) throw lockedOut(found.lockedForSeconds);
  const pin = normalizePinInput(input.pin);
  const serial = input.serial?.trim() || null;
  try {
    if (pin === null || (serial !== null && !isValidSerial(serial))) throw new RedeemMiss();
    const hmac = pinLookupHash(keys, pin);
    if (found.customer) return await redeemStatement(db, who.resellerId, found.customer, hmac, serial);
    if (!('account' in who.customer)) throw new RedeemMiss();
    const account = who.customer.account;
    // A first-time customer: created in the same transaction as the redemption, so a miss leaves no customer.
    return await db.transaction(async (tx) => {
      await ensureCustomer(tx, who.resellerId, account, null);
      const created = (await lookUpCustomer(tx, who)).customer;
      if (!created) throw new RedeemMiss();
      return redeemStatement(tx, who.resellerId, created, hmac, serial);
    });
  } catch (err) {
    if (!(err instanceof RedeemMiss)) throw err;
    await recordRedeemFailure(db, who.lockoutKeys);
    throw redeemFailed();
  }
}

/** The redeeming customer's wallet and the reseller's card liability account. */
interface RedeemingCustomer {
  readonly id: string;
  readonly walletId: string;
  /** Null before the reseller's first series. */
  readonly liabilityId: string | null;
}

/**
 * One read for what a redemption needs first: the longest lockout wait of the attempt's keys (null when none is
 * locked), the customer (null when the account is new), and the reseller's card liability account.
 */
async function lookUpCustomer(
  q: Queryable,
  who: Redeemer,
): Promise<{ lockedForSeconds: number | null; customer: RedeemingCustomer | null }> {
  const byAccount = 'account' in who.customer;
  const rows = await q.query<{
    wait: string | null;
    id: string | null;
    wallet_account_id: string | null;
    liability_id: string | null;
  }>(
    `SELECT (${LOCK_WAIT_SQL}) AS wait, c.id, c.wallet_account_id,
            (SELECT a.id FROM accounts a WHERE a.reseller_id = $3 AND a.kind = 'card_liability') AS liability_id
       FROM (SELECT 1) AS one
       LEFT JOIN customers c ON c.reseller_id = $3 AND ${byAccount ? 'c.account_number = $4' : 'c.id = $4::uuid'}`,
    [
      who.lockoutKeys.map((k) => k.scope),
      who.lockoutKeys.map((k) => k.key),
      who.resellerId,
      'account' in who.customer ? who.customer.account : who.customer.customerId,
    ],
  );
  const r = rows[0]!;
  return {
    lockedForSeconds: r.wait === null ? null : Number(r.wait),
    customer:
      r.id && r.wallet_account_id
        ? { id: r.id, walletId: r.wallet_account_id, liabilityId: r.liability_id }
        : null,
  };
}

/**
 * The redemption itself, one statement: the conditional UPDATE of the card (joined to its PIN lookup row and series),
 * then, only for the card it activated, the lookup row removed, the grant, the journal entry with its two postings
 * and both accounts' cached balances. Concurrent attempts queue on the card row; PostgreSQL re-checks `status =
 * 'new'` for the ones that waited, so only one activates it. Throws RedeemMiss when no card was activated.
 */
async function redeemStatement(
  q: Queryable,
  resellerId: string,
  customer: RedeemingCustomer,
  hmac: Buffer,
  serial: string | null,
): Promise<RedeemResult> {
  if (!customer.liabilityId) throw new RedeemMiss(); // this reseller never minted a card
  const grantId = uuidv7();
  const entryId = uuidv7();
  const rows = await q.query<{
    id: string;
    serial: string;
    amount: unknown;
    currency: string;
    activated_at: unknown;
    wallet_balance: unknown;
  }>(
    `WITH card AS (
       UPDATE cards c SET status = 'activated', activated_at = now(), customer_id = $3
         FROM card_pin_lookup l, card_series s
        WHERE l.pin_hmac = $1 AND l.reseller_id = $2
          AND c.reseller_id = $2 AND c.id = l.card_id AND c.status = 'new' AND c.expires_at > now()
          AND ($4::text IS NULL OR c.serial = $4)
          AND s.reseller_id = c.reseller_id AND s.id = c.series_id
        RETURNING c.id, c.serial, c.amount, c.currency, c.activated_at, s.grant_validity_days
     ), freed AS (
       DELETE FROM card_pin_lookup WHERE pin_hmac = $1 AND card_id IN (SELECT id FROM card)
     ), grant_row AS (
       INSERT INTO grants (reseller_id, id, customer_id, amount, remaining, currency, priority, expires_at, source,
                           source_id)
       SELECT $2, $7, $3, amount, amount, currency, $9, activated_at + make_interval(days => grant_validity_days),
              'card', id FROM card
     ), entry AS (
       INSERT INTO journal_entries (reseller_id, id, kind, command_id, memo)
       SELECT $2, $8, 'card_redemption', NULL, serial FROM card
     ), lines AS (
       INSERT INTO postings (reseller_id, entry_id, line, account_id, amount, currency)
       SELECT $2, $8, l.line, l.account_id, l.sign * card.amount, card.currency
         FROM card, (VALUES (1::smallint, $6::uuid, -1), (2::smallint, $5::uuid, 1)) AS l(line, account_id, sign)
     ), balances AS (
       UPDATE accounts a SET balance = a.balance + CASE WHEN a.id = $5 THEN card.amount ELSE -card.amount END
         FROM card WHERE a.reseller_id = $2 AND a.id IN ($5, $6)
       RETURNING a.id, a.balance
     )
     SELECT card.id, card.serial, card.amount, card.currency, card.activated_at,
            (SELECT b.balance FROM balances b WHERE b.id = $5) AS wallet_balance
       FROM card`,
    [
      hmac,
      resellerId,
      customer.id,
      serial,
      customer.walletId,
      customer.liabilityId,
      grantId,
      entryId,
      TOP_UP_PRIORITY,
    ],
  );
  const card = rows[0];
  if (!card) throw new RedeemMiss();
  return {
    cardId: card.id,
    serial: card.serial,
    amount: toMinor(card.amount),
    currency: card.currency.trim(),
    customerId: customer.id,
    grantId,
    entryId,
    activatedAt: toIso(card.activated_at),
    walletBalance: toMinor(card.wallet_balance),
  };
}
