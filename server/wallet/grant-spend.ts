import { AppError } from '../../core/app-error';
import { uuidv7 } from '../../core/uuidv7';
import type { Database } from '../db/database';
import { toIso, toIsoOrNull, toMinor } from '../db/sql-values';
import { writeJournal } from '../ledger/journal-writer';
import { lockReseller } from '../resellers/reseller-lock';
import { appendChanges, type ChangeDraft } from '../sync/change-feed';
import { loadVoidableSales } from '../sync/sale-void-decider';
import { grantsInSpendingOrder } from './grant-spending-order';

/** A spend done: how much came off which grants, and the wallet's balance after. */
export interface GrantSpend {
  readonly spendId: string;
  readonly amount: number;
  readonly walletBalance: number;
  readonly grants: readonly { readonly grantId: string; readonly spent: number }[];
}

/**
 * A customer spends `amount` of their wallet's credits (usage billed by the operator), taken from their live grants in
 * spending order (server/wallet/grant-spending-order.ts), in one transaction under the reseller's lock (the lock every
 * writer of grants takes, so the refund rule's reads hold): one journal entry (the wallet back to grant issuance), the
 * grants' remaining lowered, and a `sale` change for each sale whose grant is touched for the first time (its package is
 * now `used`: not refundable, and terminals say so before a manager tries). Idempotent by `spendId`: a repeat answers
 * the first spend; the same id with another amount is a conflict. Refused `insufficient_funds` when the live grants hold
 * less (nothing changes).
 */
export async function spendGrants(
  db: Database,
  who: { readonly resellerId: string; readonly customerId: string },
  input: { readonly spendId: string; readonly amount: number },
): Promise<GrantSpend> {
  const spendId = input.spendId.toLowerCase();
  return db.transaction(async (tx) => {
    const reseller = await lockReseller(tx, who.resellerId);
    const [wallet] = await tx.query<{ wallet_account_id: string; balance: unknown }>(
      `SELECT c.wallet_account_id, a.balance FROM customers c
         JOIN accounts a ON a.reseller_id = c.reseller_id AND a.id = c.wallet_account_id
        WHERE c.reseller_id = $1 AND c.id = $2`,
      [who.resellerId, who.customerId],
    );
    if (!wallet) throw new AppError('not_found', 'no such customer');
    const [prior] = await tx.query<{ customer_id: string; amount: unknown; grants: GrantSpend['grants'] }>(
      'SELECT customer_id, amount, grants FROM customer_spends WHERE reseller_id = $1 AND id = $2',
      [who.resellerId, spendId],
    );
    if (prior) {
      if (prior.customer_id !== who.customerId || toMinor(prior.amount) !== input.amount)
        throw new AppError('conflict', 'this spend id was used for another spend');
      return { spendId, amount: input.amount, walletBalance: toMinor(wallet.balance), grants: prior.grants };
    }
    const [clock] = await tx.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    const now = new Date(clock!.now);
    const rows = await tx.query<{
      id: string;
      amount: unknown;
      remaining: unknown;
      priority: number;
      expires_at: unknown;
      created_at: unknown;
      source: string;
      source_id: string | null;
    }>(
      `SELECT id, amount, remaining, priority, expires_at, created_at, source, source_id FROM grants
        WHERE reseller_id = $1 AND customer_id = $2 AND remaining > 0`,
      [who.resellerId, who.customerId],
    );
    const live = grantsInSpendingOrder(
      rows.map((g) => ({
        id: g.id,
        amount: toMinor(g.amount),
        remaining: toMinor(g.remaining),
        priority: Number(g.priority),
        expiresAt: toIsoOrNull(g.expires_at),
        createdAt: toIso(g.created_at),
        source: g.source,
        sourceId: g.source_id,
      })),
      now,
    );
    const available = live.reduce((s, g) => s + g.remaining, 0);
    if (available < input.amount || toMinor(wallet.balance) < input.amount)
      throw new AppError('insufficient_funds', `the wallet holds ${available} spendable credits`);
    let left = input.amount;
    const taken: {
      grantId: string;
      spent: number;
      firstUse: boolean;
      saleId: string | null;
      expiresAt: string | null;
    }[] = [];
    for (const g of live) {
      if (left === 0) break;
      const spent = Math.min(left, g.remaining);
      left -= spent;
      taken.push({
        grantId: g.id,
        spent,
        firstUse: g.remaining === g.amount,
        saleId: g.source === 'sale' ? g.sourceId : null,
        expiresAt: g.expiresAt,
      });
    }
    const updated = await tx.query(
      `UPDATE grants g SET remaining = g.remaining - v.spent
         FROM unnest($2::uuid[], $3::bigint[]) AS v(id, spent)
        WHERE g.reseller_id = $1 AND g.id = v.id AND g.remaining >= v.spent RETURNING g.id`,
      [who.resellerId, taken.map((t) => t.grantId), taken.map((t) => t.spent)],
    );
    if (updated.length !== taken.length) throw new Error('grant changed concurrently');
    const entryId = uuidv7();
    const balances = await writeJournal(tx, who.resellerId, [
      {
        id: entryId,
        kind: 'customer_spend',
        commandId: null,
        memo: null,
        lines: [
          { accountId: wallet.wallet_account_id, amount: -input.amount, currency: reseller.currency },
          { accountId: reseller.grantAccountId, amount: input.amount, currency: reseller.currency },
        ],
      },
    ]);
    await tx.query(
      `INSERT INTO customer_spends (reseller_id, id, customer_id, amount, entry_id, grants)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [
        who.resellerId,
        spendId,
        who.customerId,
        input.amount,
        entryId,
        JSON.stringify(taken.map((t) => ({ grantId: t.grantId, spent: t.spent }))),
      ],
    );
    const firstUses = taken.filter((t) => t.firstUse && t.saleId !== null);
    if (firstUses.length > 0) {
      const sales = await loadVoidableSales(
        tx,
        who.resellerId,
        firstUses.map((t) => t.saleId!),
      );
      const changes: ChangeDraft[] = [];
      for (const t of firstUses) {
        const sale = sales.get(t.saleId!);
        if (sale)
          changes.push({
            kind: 'sale',
            data: { ...sale.view, grantUsed: true, grantExpiresAt: t.expiresAt },
          });
      }
      await appendChanges(tx, who.resellerId, changes);
    }
    return {
      spendId,
      amount: input.amount,
      walletBalance: balances.get(wallet.wallet_account_id)!,
      grants: taken.map((t) => ({ grantId: t.grantId, spent: t.spent })),
    };
  });
}
