import { AppError } from '../../core/app-error';
import { decideRefund, monthStartUtc } from '../../core/sales/refund-rule';
import type { SaleRefundAnswer } from '../../core/sales/refund-schemas';
import { uuidv7 } from '../../core/uuidv7';
import type { Database, Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';
import { writeJournal } from '../ledger/journal-writer';
import { lockReseller } from '../resellers/reseller-lock';
import { appendChanges } from '../sync/change-feed';
import { loadVoidableSales } from '../sync/sale-void-decider';
import { reversalLines } from '../sync/sale-void-decision';

/** Who asks for a refund: a terminal of the reseller that made the sale (its manager, as the terminal checks). */
export interface RefundRequester {
  readonly resellerId: string;
  readonly terminalId: string;
}

/** A refund done: its own number, the sale it undid, the credits returned and the reseller's balance after. */
export type SaleRefund = SaleRefundAnswer;

/**
 * Refunds a sale (core/sales/refund-rule.ts decides), in one transaction under the reseller's lock: the sale's journal
 * entry reversed (the reseller's credits back, one entry), the customer's grant revoked, the sale `refunded`, and the
 * refund recorded with its own number; the balance and the sale's new status go on the change feed. Idempotent by
 * `refundId`: a repeat answers the first refund; the same id for another sale is a conflict. Two terminals refunding
 * one sale at once refund it once (the lock serializes them; the second finds it refunded).
 */
export async function refundSale(
  db: Database,
  who: RefundRequester,
  input: { readonly refundId: string; readonly saleId: string },
): Promise<SaleRefund> {
  const refundId = input.refundId.toLowerCase();
  const saleId = input.saleId.toLowerCase();
  return db.transaction(async (tx) => {
    const reseller = await lockReseller(tx, who.resellerId);
    const prior = await refundById(tx, who.resellerId, refundId);
    if (prior) {
      if (prior.saleId !== saleId) throw new AppError('conflict', 'this refund id was used for another sale');
      return { ...prior, resellerBalance: reseller.balance };
    }
    const sale = (await loadVoidableSales(tx, who.resellerId, [saleId])).get(saleId);
    if (!sale) throw new AppError('not_found', 'no such sale of this shop');
    // One instant, read under the lock, for the rule, the month counted and the refund's time: the month a refund
    // is decided against is the month it is recorded in.
    const { nowMs, monthStart } = await refundMonth(tx);
    const [meta] = await tx.query<{
      expires_at: Date | null;
      cutoff: Date | null;
      monthly_limit: number;
      this_month: number;
    }>(
      `SELECT g.expires_at, r.refund_cutoff_at AS cutoff, r.refund_monthly_limit AS monthly_limit,
              (SELECT count(*)::int FROM sale_refunds f
                WHERE f.reseller_id = r.id AND f.refunded_at >= $3::timestamptz) AS this_month
         FROM sales s JOIN grants g ON g.reseller_id = s.reseller_id AND g.id = s.grant_id
         JOIN resellers r ON r.id = s.reseller_id
        WHERE s.reseller_id = $1 AND s.id = $2`,
      [who.resellerId, saleId, monthStart],
    );
    const decision = decideRefund(
      {
        status: sale.status,
        packageId: sale.view.packageId,
        soldAtMs: sale.createdAtMs,
        validUntilMs: meta!.expires_at ? new Date(meta!.expires_at).getTime() : null,
        grantAmount: sale.grantAmount,
        grantRemaining: sale.grantRemaining,
      },
      { cutoffMs: meta!.cutoff ? new Date(meta!.cutoff).getTime() : null, monthlyLimit: meta!.monthly_limit },
      meta!.this_month,
      nowMs,
    );
    if (decision.kind === 'refuse')
      throw new AppError('refund_refused', decision.message, {
        condition: decision.condition,
        packageId: sale.view.packageId,
      });

    const lines = reversalLines(sale.entryLines);
    const amount = lines
      .filter((l) => l.accountId === reseller.creditAccountId)
      .reduce((s, l) => s + l.amount, 0);
    const [{ n }] = (await tx.query<{ n: number }>(
      'SELECT count(*)::int + 1 AS n FROM sale_refunds WHERE reseller_id = $1',
      [who.resellerId],
    )) as [{ n: number }];
    const refundNumber = `RF-${String(n).padStart(6, '0')}`;
    const entryId = uuidv7();
    const balances = await writeJournal(tx, who.resellerId, [
      {
        id: entryId,
        kind: 'sale_refund',
        commandId: null,
        memo: `${refundNumber} ${sale.view.saleNumber}`,
        lines,
      },
    ]);
    const balance = balances.get(reseller.creditAccountId) ?? reseller.balance;
    const updated = await tx.query(
      `UPDATE sales SET status = 'refunded' WHERE reseller_id = $1 AND id = $2 AND status = 'purchased' RETURNING id`,
      [who.resellerId, saleId],
    );
    const revoked = await tx.query(
      `UPDATE grants SET remaining = 0 WHERE reseller_id = $1 AND id = $2 AND remaining = amount RETURNING id`,
      [who.resellerId, sale.grantId],
    );
    // The reseller's lock serializes every writer of its sales and grants, so the rule's reads still hold.
    if (updated.length !== 1 || revoked.length !== 1) throw new Error('refunded sale changed concurrently');
    const [row] = await tx.query<{ refunded_at: Date }>(
      `INSERT INTO sale_refunds (reseller_id, id, sale_id, refund_number, amount, currency, entry_id, terminal_id,
                                 refunded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING refunded_at`,
      [
        who.resellerId,
        refundId,
        saleId,
        refundNumber,
        amount,
        sale.view.currency,
        entryId,
        who.terminalId,
        new Date(nowMs).toISOString(),
      ],
    );
    await appendChanges(tx, who.resellerId, [
      { kind: 'balance', data: { resellerId: who.resellerId, currency: reseller.currency, balance } },
      { kind: 'sale', data: { ...sale.view, status: 'refunded' } },
    ]);
    return {
      refundId,
      refundNumber,
      saleId,
      saleNumber: sale.view.saleNumber,
      amount,
      currency: sale.view.currency.trim(),
      resellerBalance: balance,
      refundedAt: new Date(row!.refunded_at).toISOString(),
    };
  });
}

/** A refund recorded before under this id, or null. */
async function refundById(
  q: Queryable,
  resellerId: string,
  refundId: string,
): Promise<Omit<SaleRefund, 'resellerBalance'> | null> {
  const rows = await q.query<{
    sale_id: string;
    refund_number: string;
    amount: unknown;
    currency: string;
    refunded_at: Date;
    sale_number: string;
  }>(
    `SELECT f.sale_id, f.refund_number, f.amount, f.currency, f.refunded_at, s.sale_number
       FROM sale_refunds f JOIN sales s ON s.reseller_id = f.reseller_id AND s.id = f.sale_id
      WHERE f.reseller_id = $1 AND f.id = $2`,
    [resellerId, refundId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    refundId,
    refundNumber: r.refund_number,
    saleId: r.sale_id,
    saleNumber: r.sale_number,
    amount: toMinor(r.amount),
    currency: r.currency.trim(),
    refundedAt: new Date(r.refunded_at).toISOString(),
  };
}

/** The operator's refund bounds for a reseller: a cut-off date (or none) and refunds per calendar month. */
export async function setRefundPolicy(
  db: Database,
  resellerId: string,
  policy: { readonly cutoffAt: string | null; readonly monthlyLimit: number },
): Promise<{ cutoffAt: string | null; monthlyLimit: number }> {
  const rows = await db.query<{ refund_cutoff_at: Date | null; refund_monthly_limit: number }>(
    `UPDATE resellers SET refund_cutoff_at = $2, refund_monthly_limit = $3 WHERE id = $1
     RETURNING refund_cutoff_at, refund_monthly_limit`,
    [resellerId, policy.cutoffAt, policy.monthlyLimit],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'no such reseller');
  return {
    cutoffAt: r.refund_cutoff_at ? new Date(r.refund_cutoff_at).toISOString() : null,
    monthlyLimit: r.refund_monthly_limit,
  };
}

/** A reseller's refunds this calendar month (UTC) against its limit, and its cut-off: the Sales screen's counter. */
export async function refundAllowance(
  db: Database,
  resellerId: string,
): Promise<{ used: number; monthlyLimit: number; cutoffAt: string | null; monthStart: string }> {
  const { monthStart } = await refundMonth(db);
  const rows = await db.query<{ used: number; monthly_limit: number; cutoff: Date | null }>(
    `SELECT (SELECT count(*)::int FROM sale_refunds f WHERE f.reseller_id = r.id AND f.refunded_at >= $2) AS used,
            r.refund_monthly_limit AS monthly_limit, r.refund_cutoff_at AS cutoff
       FROM resellers r WHERE r.id = $1`,
    [resellerId, monthStart],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'no such reseller');
  return {
    used: r.used,
    monthlyLimit: r.monthly_limit,
    cutoffAt: r.cutoff ? new Date(r.cutoff).toISOString() : null,
    monthStart,
  };
}

/** The database's clock now and the first instant of its calendar month (UTC): the month refunds are counted in. */
async function refundMonth(q: Queryable): Promise<{ nowMs: number; monthStart: string }> {
  const [clock] = await q.query<{ now: Date }>('SELECT clock_timestamp() AS now');
  const nowMs = new Date(clock!.now).getTime();
  return { nowMs, monthStart: new Date(monthStartUtc(nowMs)).toISOString() };
}
