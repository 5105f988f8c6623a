import { AppError } from '../../core/app-error';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';

/** A reseller with its ledger accounts, as read under its lock. */
export interface LockedReseller {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly creditAccountId: string;
  readonly issuanceAccountId: string;
  readonly revenueAccountId: string;
  readonly grantAccountId: string;
  /** The credit wallet balance at lock time. */
  readonly balance: number;
}

/**
 * Locks a reseller's credit account row (SELECT ... FOR UPDATE) for the rest of the transaction. Every writer of a
 * reseller's ledger, customers or commands takes this lock first, once per transaction: it serializes them across
 * processes and keeps one lock order.
 */
export async function lockReseller(tx: Queryable, resellerId: string): Promise<LockedReseller> {
  const rows = await tx.query<{
    id: string;
    name: string;
    currency: string;
    credit_account_id: string;
    issuance_account_id: string;
    revenue_account_id: string;
    grant_account_id: string;
    balance: unknown;
  }>(
    `SELECT r.id, r.name, r.currency, r.credit_account_id, r.issuance_account_id, r.revenue_account_id,
            r.grant_account_id, a.balance
       FROM resellers r JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id
      WHERE r.id = $1 FOR UPDATE OF a`,
    [resellerId],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'no such reseller');
  return {
    id: r.id,
    name: r.name,
    currency: r.currency,
    creditAccountId: r.credit_account_id,
    issuanceAccountId: r.issuance_account_id,
    revenueAccountId: r.revenue_account_id,
    grantAccountId: r.grant_account_id,
    balance: toMinor(r.balance),
  };
}
