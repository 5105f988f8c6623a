import { AppError } from '../../core/app-error';
import { uuidv7 } from '../../core/uuidv7';
import { hashSecret, newSecretToken } from '../auth/secret-token';
import type { Database, Queryable } from '../db/database';
import { toIso, toIsoOrNull, toMinor } from '../db/sql-values';
import { lockReseller } from '../resellers/reseller-lock';
import { walletHistoryPageQuery } from '../terminals/page-queries';
import { grantsInSpendingOrder } from '../wallet/grant-spending-order';

/** A grant on a customer wallet as the customer sees it. */
export interface GrantView {
  readonly id: string;
  readonly amount: number;
  readonly remaining: number;
  readonly priority: number;
  readonly expiresAt: string | null;
  readonly source: string;
  readonly createdAt: string;
}

/** The customer's wallet: balance and live grants in spending order. */
export interface WalletView {
  readonly customerId: string;
  readonly account: string;
  readonly currency: string;
  readonly balance: number;
  readonly grants: GrantView[];
}

/** One movement on the customer's wallet. */
export interface WalletHistoryLine {
  readonly entryId: string;
  readonly kind: string;
  readonly memo: string | null;
  readonly amount: number;
  readonly createdAt: string;
}

/** Creates a customer with a wallet account unless one exists for the account number; returns its id. */
export async function ensureCustomer(
  tx: Queryable,
  resellerId: string,
  account: string,
  name: string | null,
): Promise<string> {
  const r = await lockReseller(tx, resellerId);
  const found = await tx.query<{ id: string }>(
    'SELECT id FROM customers WHERE reseller_id = $1 AND account_number = $2',
    [resellerId, account],
  );
  if (found[0]) return found[0].id;
  const id = uuidv7();
  const walletId = uuidv7();
  await tx.query(
    `INSERT INTO accounts (reseller_id, id, kind, customer_id, currency) VALUES ($1, $2, 'customer_wallet', $3, $4)`,
    [resellerId, walletId, id, r.currency],
  );
  await tx.query(
    'INSERT INTO customers (reseller_id, id, account_number, name, wallet_account_id) VALUES ($1, $2, $3, $4, $5)',
    [resellerId, id, account, name, walletId],
  );
  return id;
}

/** How long a customer token lasts unless the operator asks otherwise, in days. */
export const CUSTOMER_TOKEN_DEFAULT_DAYS = 30;

/** The longest customer token the operator can issue, in days. */
export const CUSTOMER_TOKEN_MAX_DAYS = 365;

/** A newly issued customer token: the secret is returned once, only its hash is stored. */
export interface IssuedCustomerToken {
  readonly token: string;
  readonly customerId: string;
  readonly expiresAt: string;
}

/** The customer's id, or `not_found`. */
async function customerIdOf(db: Queryable, resellerId: string, account: string): Promise<string> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM customers WHERE reseller_id = $1 AND account_number = $2',
    [resellerId, account],
  );
  if (!rows[0]) throw new AppError('not_found', 'no such customer');
  return rows[0].id;
}

/**
 * Issues a customer bearer token valid for `days` (only its hash is stored). Rotates: the customer's earlier tokens
 * are revoked in the same transaction, so a customer holds one working token at a time.
 */
export async function issueCustomerToken(
  db: Database,
  resellerId: string,
  account: string,
  days: number = CUSTOMER_TOKEN_DEFAULT_DAYS,
): Promise<IssuedCustomerToken> {
  const token = newSecretToken();
  return db.transaction(async (tx) => {
    const customerId = await customerIdOf(tx, resellerId, account);
    // One issue at a time per customer: a concurrent one waits here, then revokes the token this one inserts.
    await tx.query('SELECT 1 FROM customers WHERE reseller_id = $1 AND id = $2 FOR UPDATE', [
      resellerId,
      customerId,
    ]);
    await revokeTokensOf(tx, resellerId, customerId);
    const rows = await tx.query<{ expires_at: unknown }>(
      `INSERT INTO customer_tokens (token_hash, reseller_id, customer_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(days => $4)) RETURNING expires_at`,
      [hashSecret(token), resellerId, customerId, days],
    );
    return { token, customerId, expiresAt: toIso(rows[0]!.expires_at) };
  });
}

/** Revokes every live token of a customer (operator); answers how many were live. */
export async function revokeCustomerTokens(
  db: Database,
  resellerId: string,
  account: string,
): Promise<{ customerId: string; revoked: number }> {
  return db.transaction(async (tx) => {
    const customerId = await customerIdOf(tx, resellerId, account);
    return { customerId, revoked: await revokeTokensOf(tx, resellerId, customerId) };
  });
}

async function revokeTokensOf(tx: Queryable, resellerId: string, customerId: string): Promise<number> {
  const rows = await tx.query<{ token_hash: string }>(
    `UPDATE customer_tokens SET revoked_at = now()
      WHERE reseller_id = $1 AND customer_id = $2 AND revoked_at IS NULL RETURNING token_hash`,
    [resellerId, customerId],
  );
  return rows.length;
}

/** The customer's wallet with its live grants in the order they will be spent. */
export async function getWallet(db: Database, resellerId: string, customerId: string): Promise<WalletView> {
  const rows = await db.query<{ account_number: string; currency: string; balance: unknown }>(
    `SELECT c.account_number, a.currency, a.balance FROM customers c
       JOIN accounts a ON a.reseller_id = c.reseller_id AND a.id = c.wallet_account_id
      WHERE c.reseller_id = $1 AND c.id = $2`,
    [resellerId, customerId],
  );
  const c = rows[0];
  if (!c) throw new AppError('not_found', 'no such customer');
  const grants = await db.query<{
    id: string;
    amount: unknown;
    remaining: unknown;
    priority: number;
    expires_at: unknown;
    source: string;
    created_at: unknown;
  }>(
    `SELECT id, amount, remaining, priority, expires_at, source, created_at FROM grants
      WHERE reseller_id = $1 AND customer_id = $2`,
    [resellerId, customerId],
  );
  const views: GrantView[] = grants.map((g) => ({
    id: g.id,
    amount: toMinor(g.amount),
    remaining: toMinor(g.remaining),
    priority: Number(g.priority),
    expiresAt: toIsoOrNull(g.expires_at),
    source: g.source,
    createdAt: toIso(g.created_at),
  }));
  return {
    customerId,
    account: c.account_number,
    currency: c.currency.trim(),
    balance: toMinor(c.balance),
    grants: grantsInSpendingOrder(views, new Date()),
  };
}

/** Movements on the customer's wallet, newest first, paged by entry id. */
export async function getWalletHistory(
  db: Database,
  resellerId: string,
  customerId: string,
  cursor: string | undefined,
  limit: number,
): Promise<{ entries: WalletHistoryLine[]; cursor: string | null; hasMore: boolean }> {
  const q = walletHistoryPageQuery(resellerId, customerId, cursor, limit + 1);
  const rows = await db.query<{
    entry_id: string;
    kind: string;
    memo: string | null;
    amount: unknown;
    created_at: unknown;
  }>(q.sql, q.params);
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      entryId: r.entry_id,
      kind: r.kind,
      memo: r.memo,
      amount: toMinor(r.amount),
      createdAt: toIso(r.created_at),
    })),
    cursor: page.length > 0 ? page[page.length - 1]!.entry_id : null,
    hasMore: rows.length > limit,
  };
}
