import { AppError } from '../../core/app-error';
import { uuidv7 } from '../../core/uuidv7';
import type { Purchase } from '../../core/wallet/wallet-api';
import type { Queryable } from '../db/database';
import type { ChargeResult } from '../psp/payment-provider';
import { lockReseller } from '../resellers/reseller-lock';
import { appendChanges, type ChangeDraft } from '../sync/change-feed';
import { settleAutoTopUp } from './auto-topup-outcome';
import { canHold, grantCredits } from './credit-grant';
import { currentPaymentMethod } from './payment-methods';
import { PURCHASE_COLUMNS, purchaseFromRow, type PurchaseRow } from './purchase-row';
import type { WalletDeps } from './wallet-deps';
import { formatCredits, walletNoticeChange } from './wallet-notices';

/** Charges made again at once after a retryable `processing_error`, before leaving the purchase to the sweeper. */
const IMMEDIATE_RETRIES = 2;

/** Sweeps of one pending purchase before it is marked `failed` (unless its charge is known to have succeeded). */
export const PURCHASE_MAX_SWEEPS = 8;

/** The sweeper's wait before trying a pending purchase again: 1 min, doubling, at most an hour. */
export function purchaseRetryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 60_000 * 2 ** Math.max(0, Math.min(attempts - 1, 10)));
}

/**
 * The provider's idempotency key of a purchase. The provider's key space is one merchant account for every reseller,
 * while a purchase id is unique per reseller only: the key carries the reseller.
 */
export function pspChargeKey(resellerId: string, purchaseId: string): string {
  return `${resellerId}:${purchaseId}`;
}

/** The key a stored purchase is charged with (rows from before migration 0019 used the bare purchase id). */
function chargeKeyOf(p: PurchaseRow): string {
  return p.psp_key ?? p.id;
}

/** Whether a (card) purchase is pending for the reseller: the wallet's purchase in flight. */
export async function hasPendingPurchase(q: Queryable, resellerId: string): Promise<boolean> {
  const rows = await q.query(
    "SELECT 1 FROM wallet_purchases WHERE reseller_id = $1 AND status = 'pending' LIMIT 1",
    [resellerId],
  );
  return rows.length > 0;
}

/** Reads one purchase of a reseller (FOR UPDATE when `lock`), or null. */
export async function readPurchase(
  q: Queryable,
  resellerId: string,
  purchaseId: string,
  lock = false,
): Promise<PurchaseRow | null> {
  const rows = await q.query<PurchaseRow>(
    `SELECT ${PURCHASE_COLUMNS} FROM wallet_purchases WHERE reseller_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [resellerId, purchaseId],
  );
  return rows[0] ?? null;
}

/**
 * Buys a credit package (idempotent by purchaseId; the same id with another package is refused). On card collection
 * the purchase is recorded as pending first, then the saved card is charged outside any transaction with the purchase
 * id as idempotency key, then credits are granted once the charge succeeded. On invoice collection it is invoiced and
 * granted when the operator marks the invoice paid. A replay answers the first result (finishing a pending one).
 */
export async function buyPackage(
  deps: WalletDeps,
  resellerId: string,
  input: { purchaseId: string; packageId: string },
): Promise<Purchase> {
  const purchaseId = input.purchaseId.toLowerCase();
  const packageId = input.packageId.toLowerCase();
  const recorded = await deps.db.transaction(async (tx) => {
    const r = await lockReseller(tx, resellerId);
    const existing = await readPurchase(tx, resellerId, purchaseId);
    if (existing) {
      if (existing.package_id !== packageId || existing.source !== 'manual') {
        throw new AppError('conflict', 'this purchase id was used for another purchase');
      }
      return existing;
    }
    const pkgs = await tx.query<{ credits: unknown; price: unknown; currency: string; active: boolean }>(
      'SELECT credits, price, currency, active FROM credit_packages WHERE id = $1',
      [packageId],
    );
    const pkg = pkgs[0];
    if (!pkg || !pkg.active || pkg.currency.trim() !== r.currency) {
      throw new AppError('not_found', 'no such credit package for this wallet');
    }
    // Checked before any charge: a grant the balance cannot hold would leave a charge with no credits.
    if (!canHold(r.balance, Number(pkg.credits))) {
      throw new AppError('invalid_input', 'the wallet cannot hold these credits');
    }
    const mode = await collectionMode(tx, resellerId);
    const nowIso = new Date(deps.now()).toISOString();
    if (mode === 'invoice') {
      const invoiceId = uuidv7();
      await tx.query('INSERT INTO wallet_invoices (id, reseller_id, purchase_id) VALUES ($1, $2, $3)', [
        invoiceId,
        resellerId,
        purchaseId,
      ]);
      await insertPurchase(tx, resellerId, {
        id: purchaseId,
        packageId,
        source: 'manual',
        credits: pkg.credits,
        price: pkg.price,
        currency: r.currency,
        status: 'invoiced',
        invoiceId,
        token: null,
        createdAt: nowIso,
      });
    } else {
      const pm = await currentPaymentMethod(tx, resellerId);
      if (!pm) throw new AppError('no_payment_method', 'save a card before buying credits');
      // One purchase in flight per wallet (manual or auto top-up); the unique index on pending purchases backs it.
      if (await hasPendingPurchase(tx, resellerId)) {
        throw new AppError('conflict', 'a purchase is in progress; try again once it has finished');
      }
      await insertPurchase(tx, resellerId, {
        id: purchaseId,
        packageId,
        source: 'manual',
        credits: pkg.credits,
        price: pkg.price,
        currency: r.currency,
        status: 'pending',
        invoiceId: null,
        token: pm.token,
        createdAt: nowIso,
      });
    }
    return (await readPurchase(tx, resellerId, purchaseId))!;
  });
  if (recorded.status !== 'pending') return purchaseFromRow(recorded);
  return completePurchase(deps, resellerId, purchaseId);
}

/** Inserts a purchase row. */
export async function insertPurchase(
  tx: Queryable,
  resellerId: string,
  p: {
    id: string;
    packageId: string | null;
    source: Purchase['source'];
    credits: unknown;
    price: unknown;
    currency: string;
    status: 'pending' | 'invoiced';
    invoiceId: string | null;
    token: string | null;
    createdAt: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO wallet_purchases (reseller_id, id, package_id, source, credits, price, currency, status, invoice_id,
                                   psp_token, created_at, psp_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      resellerId,
      p.id,
      p.packageId,
      p.source,
      p.credits,
      p.price,
      p.currency,
      p.status,
      p.invoiceId,
      p.token,
      p.createdAt,
      pspChargeKey(resellerId, p.id),
    ],
  );
}

/**
 * Finishes a pending purchase: charges its card with its provider key (`pspChargeKey`; outside any transaction; a
 * replay of the key never charges twice), then under the reseller's lock grants the credits once (or records the
 * decline). Safe to run concurrently and again after a crash: only the first to find it pending settles it. A charge
 * that keeps failing with a retryable error leaves it pending for the sweeper. When the purchase's card has been
 * deleted (or replaced) since, the card is never charged again: the provider is only asked whether the charge was
 * made; it is granted if so, and the purchase is marked `failed` if not.
 */
export async function completePurchase(
  deps: WalletDeps,
  resellerId: string,
  purchaseId: string,
): Promise<Purchase> {
  const p = await readPurchase(deps.db, resellerId, purchaseId);
  if (!p) throw new AppError('not_found', 'no such purchase');
  if (p.status !== 'pending') return purchaseFromRow(p);
  const key = chargeKeyOf(p);
  let result: ChargeResult | null = null;
  if (!(await cardStillSaved(deps.db, resellerId, p.psp_token))) {
    result = await deps.psp.retrieveCharge(key);
    if (!result || result.status === 'processing_error') {
      return failPurchase(deps, resellerId, purchaseId, 'payment_method_deleted', 'the card was deleted');
    }
  } else {
    for (let i = 0; i <= IMMEDIATE_RETRIES; i++) {
      result = await deps.psp.charge({
        idempotencyKey: key,
        token: p.psp_token!,
        amount: Number(p.price),
        currency: p.currency.trim(),
      });
      if (result.status !== 'processing_error') break;
    }
  }
  if (!result || result.status === 'processing_error') return purchaseFromRow(p);
  const charge = result;
  return deps.db.transaction(async (tx) => {
    const r = await lockReseller(tx, resellerId);
    const row = await readPurchase(tx, resellerId, purchaseId, true);
    if (!row || row.status !== 'pending') return purchaseFromRow(row!);
    const nowMs = deps.now();
    const nowIso = new Date(nowMs).toISOString();
    const changes: ChangeDraft[] = [];
    if (charge.status === 'succeeded') {
      const credits = Number(row.credits);
      const g = await grantCredits(tx, r, credits, `purchase ${purchaseId}`);
      await tx.query(
        `UPDATE wallet_purchases SET status = 'succeeded', entry_id = $3, balance_after = $4, completed_at = $5
          WHERE reseller_id = $1 AND id = $2`,
        [resellerId, purchaseId, g.entryId, g.balance, nowIso],
      );
      if (row.source === 'auto_topup') {
        changes.push(
          ...(await settleAutoTopUp(tx, r, purchaseId, { succeeded: true, balance: g.balance }, nowMs)),
        );
      } else {
        changes.push(
          walletNoticeChange(
            {
              resellerId,
              type: 'purchase_succeeded',
              currency: r.currency,
              balance: g.balance,
              amount: credits,
              message: `Bought ${formatCredits(credits, r.currency)} of credits.`,
            },
            nowMs,
          ),
        );
      }
      changes.push(g.change);
    } else {
      await tx.query(
        `UPDATE wallet_purchases SET status = 'declined', decline_code = $3, completed_at = $4
          WHERE reseller_id = $1 AND id = $2`,
        [resellerId, purchaseId, charge.declineCode, nowIso],
      );
      if (row.source === 'auto_topup') {
        changes.push(
          ...(await settleAutoTopUp(
            tx,
            r,
            purchaseId,
            { succeeded: false, declineCode: charge.declineCode, balance: r.balance },
            nowMs,
          )),
        );
      }
    }
    await appendChanges(tx, resellerId, changes);
    return purchaseFromRow((await readPurchase(tx, resellerId, purchaseId))!);
  });
}

/** Whether the card a purchase was made with is still the reseller's saved card (not deleted nor replaced). */
async function cardStillSaved(q: Queryable, resellerId: string, token: string | null): Promise<boolean> {
  if (!token) return false;
  const rows = await q.query(
    'SELECT 1 FROM payment_methods WHERE reseller_id = $1 AND psp_token = $2 AND deleted_at IS NULL',
    [resellerId, token],
  );
  return rows.length > 0;
}

/**
 * Marks a pending purchase `failed` (nothing was charged, or the sweeper gave up), closing its auto top-up attempt
 * (outcome `declined`, with the reason) so the rule is not stuck in flight. Answers the purchase.
 */
async function failPurchase(
  deps: WalletDeps,
  resellerId: string,
  purchaseId: string,
  code: string,
  reason: string,
): Promise<Purchase> {
  return deps.db.transaction(async (tx) => {
    const r = await lockReseller(tx, resellerId);
    const row = await readPurchase(tx, resellerId, purchaseId, true);
    if (!row || row.status !== 'pending') return purchaseFromRow(row!);
    const nowIso = new Date(deps.now()).toISOString();
    await tx.query(
      `UPDATE wallet_purchases SET status = 'failed', decline_code = $3, last_error = $4, completed_at = $5
        WHERE reseller_id = $1 AND id = $2`,
      [resellerId, purchaseId, code, reason, nowIso],
    );
    if (row.source === 'auto_topup') {
      await tx.query(
        `UPDATE auto_topup_attempts SET outcome = 'declined', reason = $4, completed_at = $5
          WHERE reseller_id = $1 AND currency = $2 AND purchase_id = $3 AND outcome = 'in_flight'`,
        [resellerId, r.currency, purchaseId, `the purchase failed: ${reason}`, nowIso],
      );
    }
    return purchaseFromRow((await readPurchase(tx, resellerId, purchaseId))!);
  });
}

/** A reseller's collection mode: the saved card (default) or invoices. */
export async function collectionMode(q: Queryable, resellerId: string): Promise<'card' | 'invoice'> {
  const rows = await q.query<{ collection_mode: 'card' | 'invoice' }>(
    'SELECT collection_mode FROM wallet_settings WHERE reseller_id = $1',
    [resellerId],
  );
  return rows[0]?.collection_mode ?? 'card';
}

/** Sets a reseller's collection mode (operator). */
export async function setCollectionMode(
  deps: WalletDeps,
  resellerId: string,
  mode: 'card' | 'invoice',
): Promise<{ mode: 'card' | 'invoice' }> {
  await deps.db.transaction(async (tx) => {
    await lockReseller(tx, resellerId);
    await tx.query(
      `INSERT INTO wallet_settings (reseller_id, collection_mode) VALUES ($1, $2)
       ON CONFLICT (reseller_id) DO UPDATE SET collection_mode = EXCLUDED.collection_mode, updated_at = now()`,
      [resellerId, mode],
    );
  });
  return { mode };
}

/** Marks an invoice paid and grants its credits once (idempotent: a second call answers the paid purchase). */
export async function payInvoice(deps: WalletDeps, invoiceId: string): Promise<Purchase> {
  const inv = await deps.db.query<{ reseller_id: string; purchase_id: string }>(
    'SELECT reseller_id, purchase_id FROM wallet_invoices WHERE id = $1',
    [invoiceId.toLowerCase()],
  );
  const i = inv[0];
  if (!i) throw new AppError('not_found', 'no such invoice');
  return deps.db.transaction(async (tx) => {
    const r = await lockReseller(tx, i.reseller_id);
    const row = (await readPurchase(tx, i.reseller_id, i.purchase_id, true))!;
    if (row.status !== 'invoiced') return purchaseFromRow(row);
    const nowMs = deps.now();
    const credits = Number(row.credits);
    const g = await grantCredits(tx, r, credits, `invoice ${invoiceId}`);
    await tx.query(
      `UPDATE wallet_purchases SET status = 'paid', entry_id = $3, balance_after = $4, completed_at = $5
        WHERE reseller_id = $1 AND id = $2`,
      [r.id, row.id, g.entryId, g.balance, new Date(nowMs).toISOString()],
    );
    // An auto top-up invoiced (invoice collection) was the wallet's purchase in flight until now.
    const settled =
      row.source === 'auto_topup'
        ? await settleAutoTopUp(tx, r, row.id, { succeeded: true, balance: g.balance }, nowMs)
        : [];
    await appendChanges(tx, r.id, [
      ...settled,
      walletNoticeChange(
        {
          resellerId: r.id,
          type: 'purchase_succeeded',
          currency: r.currency,
          balance: g.balance,
          amount: credits,
          message: `Invoice paid: ${formatCredits(credits, r.currency)} of credits added.`,
        },
        nowMs,
      ),
      g.change,
    ]);
    return purchaseFromRow((await readPurchase(tx, r.id, row.id))!);
  });
}

/** A reseller's purchases, newest first. */
export async function listPurchases(
  deps: WalletDeps,
  resellerId: string,
  limit: number,
): Promise<Purchase[]> {
  const rows = await deps.db.query<PurchaseRow>(
    `SELECT ${PURCHASE_COLUMNS} FROM wallet_purchases WHERE reseller_id = $1
      ORDER BY created_at DESC, id DESC LIMIT $2`,
    [resellerId, limit],
  );
  return rows.map(purchaseFromRow);
}

/**
 * Finishes purchases left pending (a crash between charge and grant, or a provider that kept failing): each is
 * charged again with its own idempotency key, so a card charged before the crash is not charged twice. Each purchase
 * is handled on its own: one that throws or stays pending is retried later with backoff (`attempts`,
 * `next_attempt_at`, `last_error`) and never holds up the others; after PURCHASE_MAX_SWEEPS it is marked `failed`,
 * unless the provider says its charge succeeded (then it stays pending, retried hourly, for an operator to look at).
 * Answers how many it settled.
 */
export async function sweepPendingPurchases(deps: WalletDeps, olderThanMs: number): Promise<number> {
  const nowMs = deps.now();
  const rows = await deps.db.query<{ reseller_id: string; id: string; attempts: number }>(
    `SELECT reseller_id, id, attempts FROM wallet_purchases
      WHERE status = 'pending' AND created_at <= $1 AND coalesce(next_attempt_at, created_at) <= $2
      ORDER BY coalesce(next_attempt_at, created_at) LIMIT 50`,
    [new Date(nowMs - olderThanMs).toISOString(), new Date(nowMs).toISOString()],
  );
  let settled = 0;
  for (const r of rows) {
    let error: string;
    try {
      const p = await completePurchase(deps, r.reseller_id, r.id);
      if (p.status !== 'pending') {
        settled += 1;
        continue;
      }
      error = 'the provider kept failing';
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    try {
      if (await deferPurchase(deps, r.reseller_id, r.id, r.attempts + 1, error)) settled += 1;
    } catch (err) {
      console.error('wallet sweeper:', err instanceof Error ? err.message : err);
    }
  }
  return settled;
}

/** Records a failed sweep of a purchase: backs it off, or marks it failed after the last try. Answers if it failed. */
async function deferPurchase(
  deps: WalletDeps,
  resellerId: string,
  purchaseId: string,
  attempts: number,
  error: string,
): Promise<boolean> {
  const message = error.slice(0, 500);
  if (attempts >= PURCHASE_MAX_SWEEPS) {
    const p = await readPurchase(deps.db, resellerId, purchaseId);
    const charge = p ? await deps.psp.retrieveCharge(chargeKeyOf(p)).catch(() => null) : null;
    if (charge?.status !== 'succeeded') {
      const failed = await failPurchase(deps, resellerId, purchaseId, 'retries_exhausted', message);
      return failed.status !== 'pending';
    }
  }
  const nowMs = deps.now();
  await deps.db.query(
    `UPDATE wallet_purchases SET attempts = $3, last_error = $4, next_attempt_at = $5
      WHERE reseller_id = $1 AND id = $2 AND status = 'pending'`,
    [
      resellerId,
      purchaseId,
      attempts,
      message,
      new Date(nowMs + purchaseRetryDelayMs(attempts)).toISOString(),
    ],
  );
  return false;
}
