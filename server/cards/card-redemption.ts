import { AppError } from '../../core/app-error';
import { normalizePinInput } from '../../core/cards/card-pin';
import { CARD_REDEEM_FAILED_CODE, type RedeemResult } from '../../core/cards/card-schemas';
import { isValidSerial } from '../../core/cards/card-serial';
import { uuidv7 } from '../../core/uuidv7';
import { ensureCustomer } from '../customers/customer-service';
import { lockReseller } from '../resellers/reseller-lock';
import type { Database, Queryable } from '../db/database';
import { toIso, toMinor } from '../db/sql-values';
import { TOP_UP_PRIORITY } from '../wallet/grant-spending-order';
import type { CardKeys } from './card-keys';
import { pinLookupHash } from './pin-crypto';
import {
  lockedOut,
  lockoutParams,
  lockRedeemKeys,
  lockWaitSeconds,
  recordRedeemFailure,
  type LockoutKey,
} from './redeem-lockout-store';

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

/**
 * Redeems a card for a customer. On the usual path (a known customer) this is one statement, so one round trip and
 * one commit: the `redeem_card` database function reads the lockout wait of the attempt's keys and, only when none
 * is locked, the customer and the reseller's card liability account; then one conditional UPDATE (the card is the
 * reseller's, new, not expired, and has the scanned serial if one was given) activates the card, and in the same
 * statement the customer's wallet gets a grant (priority 50) and one journal entry moves the value from the card
 * liability account. A first-time customer is created in a transaction with its redemption, so a miss leaves no
 * customer. Every failure counts against the lockout keys and answers `card_redeem_failed`; a locked key answers
 * `card_redeem_locked` before any card is looked up.
 */
export async function redeemCard(
  db: Database,
  keys: CardKeys,
  who: Redeemer,
  input: { readonly pin: string; readonly serial?: string | undefined },
): Promise<RedeemResult> {
  const attempt = await attemptRedemption(db, keys, who, input, (run) => db.transaction(run));
  if (attempt.ok) return attempt.result;
  if (attempt.lockedForSeconds !== null) throw lockedOut(attempt.lockedForSeconds);
  throw redeemFailed();
}

/** What a redemption attempt inside a caller's transaction came to. */
export type RedeemAttempt =
  | { readonly ok: true; readonly result: RedeemResult }
  /** `lockedForSeconds` set: refused for a lock (nothing looked up, not counted); null: a counted failure. */
  | { readonly ok: false; readonly lockedForSeconds: number | null };

/**
 * {@link redeemCard} inside the caller's open transaction `tx` (a sync push batch), answering the outcome instead of
 * throwing it: the same statement, and failures counted against the lockout keys in `tx`. A first-time customer is
 * created under a savepoint that a miss rolls back, so it exists only when the redemption succeeds.
 */
export async function redeemWithin(
  tx: Queryable,
  keys: CardKeys,
  who: Redeemer,
  input: { readonly pin: string; readonly serial?: string | undefined },
): Promise<RedeemAttempt> {
  return attemptRedemption(tx, keys, who, input, (run) => run(tx));
}

/**
 * The attempt both entry points share: lockout, statement, first-time customer (run by `isolated`, which must undo
 * the new customer unless the redemption succeeded), and the failure count.
 */
async function attemptRedemption(
  q: Queryable,
  keys: CardKeys,
  who: Redeemer,
  input: { readonly pin: string; readonly serial?: string | undefined },
  isolated: (run: (tx: Queryable) => Promise<RedeemOutcome>) => Promise<RedeemOutcome>,
): Promise<RedeemAttempt> {
  const pin = normalizePinInput(input.pin);
  const serial = input.serial?.trim() || null;
  let outcome: RedeemOutcome;
  if (pin === null || (serial !== null && !isValidSerial(serial))) {
    // Malformed: nothing to look up, but a locked key still answers locked, and the attempt still counts.
    outcome = await isolated(async (tx) => {
      await lockRedeemKeys(tx, who.lockoutKeys);
      const wait = await lockWaitSeconds(tx, who.lockoutKeys);
      if (wait !== null) return { kind: 'locked', seconds: wait };
      await recordRedeemFailure(tx, who.lockoutKeys);
      return { kind: 'miss' };
    });
  } else {
    const hmac = pinLookupHash(keys, pin);
    // The usual path: one statement that also counts its own miss under the keys' locks.
    outcome = await redeemStatement(q, who, hmac, serial, true);
    if (outcome.kind === 'no-customer') {
      const account = 'account' in who.customer ? who.customer.account : null;
      outcome = await isolated(async (tx) => {
        // Serialised like the usual path; a first-time customer exists only if the redemption succeeds. The reseller
        // lock (creating a customer takes it) comes before the keys' locks, as in a push: one lock order everywhere.
        await lockReseller(tx, who.resellerId);
        await lockRedeemKeys(tx, who.lockoutKeys);
        if (account === null) {
          await recordRedeemFailure(tx, who.lockoutKeys);
          return { kind: 'miss' };
        }
        await tx.query('SAVEPOINT redeem_new_customer');
        await ensureCustomer(tx, who.resellerId, account, null);
        const o = await redeemStatement(tx, who, hmac, serial, false);
        if (o.kind === 'redeemed') {
          await tx.query('RELEASE SAVEPOINT redeem_new_customer');
          return o;
        }
        await tx.query('ROLLBACK TO SAVEPOINT redeem_new_customer');
        if (o.kind !== 'locked') await recordRedeemFailure(tx, who.lockoutKeys);
        return o.kind === 'locked' ? o : { kind: 'miss' };
      });
    }
  }
  if (outcome.kind === 'redeemed') return { ok: true, result: outcome.result };
  if (outcome.kind === 'locked') return { ok: false, lockedForSeconds: outcome.seconds };
  return { ok: false, lockedForSeconds: null };
}

/** What the redemption statement did: redeemed, refused for a lock, found no such customer, or activated no card. */
type RedeemOutcome =
  | { readonly kind: 'redeemed'; readonly result: RedeemResult }
  | { readonly kind: 'locked'; readonly seconds: number }
  | { readonly kind: 'no-customer' }
  | { readonly kind: 'miss' };

/**
 * The redemption, one statement: the `redeem_card` function (server/migrations/0022-redeem-and-auth-plans.ts, after
 * 0010 and 0011), whose plans the session caches. It refuses while a key is locked (before any card is looked up),
 * finds the customer and the card liability account, activates the card with one conditional UPDATE and, only for the
 * card it activated, removes the PIN lookup row, grants the value, posts the journal entry (one statement) and puts
 * the card's new state on the feed. Concurrent attempts queue on the card row; PostgreSQL re-checks `status = 'new'`
 * for the ones that waited, so only one activates it.
 */
async function redeemStatement(
  q: Queryable,
  who: Redeemer,
  hmac: Buffer,
  serial: string | null,
  recordFailure: boolean,
): Promise<RedeemOutcome> {
  const grantId = uuidv7();
  const entryId = uuidv7();
  const rows = await q.query<{
    r_outcome: 'locked' | 'no_customer' | 'miss' | 'redeemed';
    r_locked_seconds: number | null;
    r_customer_id: string | null;
    r_card_id: string | null;
    r_serial: string;
    r_amount: unknown;
    r_currency: string;
    r_activated_at: unknown;
    r_wallet_balance: unknown;
  }>(
    `SELECT * FROM redeem_card($1::uuid, $2::text, $3::uuid, $4::text[], $5::text[], $6::bytea, $7::text, $8::uuid,
                               $9::uuid, $10::integer, $11::integer[], $12::integer, $13::integer, $14::integer,
                               $15::boolean)`,
    [
      who.resellerId,
      'account' in who.customer ? who.customer.account : null,
      'customerId' in who.customer ? who.customer.customerId : null,
      who.lockoutKeys.map((k) => k.scope),
      who.lockoutKeys.map((k) => k.key),
      hmac,
      serial,
      grantId,
      entryId,
      TOP_UP_PRIORITY,
      ...lockoutParams(who.lockoutKeys),
      recordFailure,
    ],
  );
  const r = rows[0]!;
  if (r.r_outcome === 'locked') return { kind: 'locked', seconds: Number(r.r_locked_seconds) };
  if (r.r_outcome === 'no_customer') return { kind: 'no-customer' };
  if (r.r_outcome !== 'redeemed' || !r.r_card_id || !r.r_customer_id) return { kind: 'miss' };
  return {
    kind: 'redeemed',
    result: {
      cardId: r.r_card_id,
      serial: r.r_serial,
      amount: toMinor(r.r_amount),
      currency: r.r_currency,
      customerId: r.r_customer_id,
      grantId,
      entryId,
      activatedAt: toIso(r.r_activated_at),
      walletBalance: toMinor(r.r_wallet_balance),
    },
  };
}
