import { AppError } from '../../core/app-error';
import { uuidv7 } from '../../core/uuidv7';
import type {
  PaymentMethod,
  PaymentMethodSetup,
  PaymentMethodSetupStatus,
} from '../../core/wallet/wallet-api';
import type { Queryable } from '../db/database';
import { toIso } from '../db/sql-values';
import { lockReseller } from '../resellers/reseller-lock';
import { appendChanges } from '../sync/change-feed';
import type { WalletDeps } from './wallet-deps';
import { walletNoticeChange } from './wallet-notices';

/** A saved card with its provider token (server side only). */
interface SavedCard extends PaymentMethod {
  readonly token: string;
}

const CARD_COLUMNS = 'id, psp_token, brand, last4, exp_month, exp_year, created_at';

function cardFromRow(r: {
  id: string;
  psp_token: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  created_at: unknown;
}): SavedCard {
  return {
    id: r.id,
    token: r.psp_token,
    brand: r.brand,
    last4: r.last4,
    expMonth: r.exp_month,
    expYear: r.exp_year,
    createdAt: toIso(r.created_at),
  };
}

/** The public fields of a saved card (never its token). */
function publicCard(c: SavedCard): PaymentMethod {
  return {
    id: c.id,
    brand: c.brand,
    last4: c.last4,
    expMonth: c.expMonth,
    expYear: c.expYear,
    createdAt: c.createdAt,
  };
}

/** The reseller's one saved card, or null. */
export async function currentPaymentMethod(q: Queryable, resellerId: string): Promise<SavedCard | null> {
  const rows = await q.query<Parameters<typeof cardFromRow>[0]>(
    `SELECT ${CARD_COLUMNS} FROM payment_methods WHERE reseller_id = $1 AND deleted_at IS NULL`,
    [resellerId],
  );
  return rows[0] ? cardFromRow(rows[0]) : null;
}

/** Opens a hosted card-entry session at the provider; `origin` is the API's own origin as the caller reached it. */
export async function startPaymentMethodSetup(
  deps: WalletDeps,
  resellerId: string,
  origin: string,
): Promise<PaymentMethodSetup> {
  const session = await deps.psp.createSetupSession(origin);
  const setupId = uuidv7();
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO payment_method_setups (reseller_id, id, psp_session_id, expires_at) VALUES ($1, $2, $3, $4)`,
      [resellerId, setupId, session.sessionId, session.expiresAt],
    );
    await tx.query(
      'INSERT INTO payment_method_setup_sessions (psp_session_id, reseller_id, setup_id) VALUES ($1, $2, $3)',
      [session.sessionId, resellerId, setupId],
    );
  });
  return { setupId, hostedUrl: session.hostedUrl, expiresAt: session.expiresAt };
}

/**
 * Saves the card of a completed provider session (once): the reseller's earlier card is replaced; its auto top-up
 * rules stay as they were (threshold, amount, and enabled or not). Called by the provider's completion callback and
 * by a status read, whichever comes first.
 */
export async function completeSetupSession(deps: WalletDeps, sessionId: string): Promise<void> {
  const link = await deps.db.query<{ reseller_id: string; setup_id: string }>(
    'SELECT reseller_id, setup_id FROM payment_method_setup_sessions WHERE psp_session_id = $1',
    [sessionId],
  );
  const l = link[0];
  if (!l) return;
  const state = await deps.psp.getSetupSession(sessionId);
  if (state.status !== 'completed') return;
  await deps.db.transaction(async (tx) => {
    await lockReseller(tx, l.reseller_id);
    const setup = await tx.query<{ status: string }>(
      'SELECT status FROM payment_method_setups WHERE reseller_id = $1 AND id = $2 FOR UPDATE',
      [l.reseller_id, l.setup_id],
    );
    if (setup[0]?.status !== 'pending') return;
    const id = uuidv7();
    const nowIso = new Date(deps.now()).toISOString();
    await tx.query(
      'UPDATE payment_methods SET deleted_at = $2 WHERE reseller_id = $1 AND deleted_at IS NULL',
      [l.reseller_id, nowIso],
    );
    const c = state.card;
    await tx.query(
      `INSERT INTO payment_methods (reseller_id, id, psp_token, brand, last4, exp_month, exp_year, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [l.reseller_id, id, c.token, c.brand, c.last4, c.expMonth, c.expYear, nowIso],
    );
    await tx.query(
      `UPDATE payment_method_setups SET status = 'completed', payment_method_id = $3
        WHERE reseller_id = $1 AND id = $2`,
      [l.reseller_id, l.setup_id, id],
    );
  });
}

/** The state of a setup: pending, completed (with the saved card) or expired. */
export async function paymentMethodSetupStatus(
  deps: WalletDeps,
  resellerId: string,
  setupId: string,
): Promise<PaymentMethodSetupStatus> {
  const read = () =>
    deps.db.query<{
      psp_session_id: string;
      status: string;
      payment_method_id: string | null;
      expires_at: unknown;
    }>(
      `SELECT psp_session_id, status, payment_method_id, expires_at FROM payment_method_setups
        WHERE reseller_id = $1 AND id = $2`,
      [resellerId, setupId.toLowerCase()],
    );
  let s = (await read())[0];
  if (!s) throw new AppError('not_found', 'no such payment method setup');
  if (s.status === 'pending') {
    await completeSetupSession(deps, s.psp_session_id);
    s = (await read())[0]!;
  }
  if (s.status === 'completed' && s.payment_method_id) {
    const rows = await deps.db.query<Parameters<typeof cardFromRow>[0]>(
      `SELECT ${CARD_COLUMNS} FROM payment_methods WHERE reseller_id = $1 AND id = $2`,
      [resellerId, s.payment_method_id],
    );
    return { setupId, status: 'completed', paymentMethod: publicCard(cardFromRow(rows[0]!)) };
  }
  const expired = Date.parse(toIso(s.expires_at)) <= deps.now();
  return { setupId, status: expired ? 'expired' : 'pending', paymentMethod: null };
}

/** The reseller's saved cards (at most one). */
export async function listPaymentMethods(deps: WalletDeps, resellerId: string): Promise<PaymentMethod[]> {
  const c = await currentPaymentMethod(deps.db, resellerId);
  return c ? [publicCard(c)] : [];
}

/**
 * Deletes the saved card and turns the reseller's auto top-up off (`payment_method_deleted`), telling the terminals.
 * Deleting an unknown or already deleted card is not_found.
 */
export async function deletePaymentMethod(
  deps: WalletDeps,
  resellerId: string,
  paymentMethodId: string,
): Promise<{ deleted: true; autoTopUpDisabled: boolean }> {
  return deps.db.transaction(async (tx) => {
    const r = await lockReseller(tx, resellerId);
    const nowMs = deps.now();
    const nowIso = new Date(nowMs).toISOString();
    const gone = await tx.query(
      `UPDATE payment_methods SET deleted_at = $3 WHERE reseller_id = $1 AND id = $2 AND deleted_at IS NULL
       RETURNING id`,
      [resellerId, paymentMethodId.toLowerCase(), nowIso],
    );
    if (gone.length === 0) throw new AppError('not_found', 'no such payment method');
    const off = await tx.query(
      `UPDATE auto_topup_rules SET enabled = false, disabled_reason = 'payment_method_deleted', updated_at = $2
        WHERE reseller_id = $1 AND enabled RETURNING currency`,
      [resellerId, nowIso],
    );
    if (off.length > 0) {
      await appendChanges(tx, resellerId, [
        walletNoticeChange(
          {
            resellerId,
            type: 'auto_topup_disabled',
            currency: r.currency,
            balance: r.balance,
            amount: null,
            message: 'Auto top-up is off: the saved card was deleted.',
          },
          nowMs,
        ),
      ]);
    }
    return { deleted: true as const, autoTopUpDisabled: off.length > 0 };
  });
}
