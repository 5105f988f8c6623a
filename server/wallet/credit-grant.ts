import { AppError } from '../../core/app-error';
import { uuidv7 } from '../../core/uuidv7';
import type { Queryable } from '../db/database';
import { writeJournal } from '../ledger/journal-writer';
import type { LockedReseller } from '../resellers/reseller-lock';
import type { ChangeDraft } from '../sync/change-feed';

/**
 * Grants paid-for credits in the caller's transaction, under the reseller's lock: one journal entry from the
 * operator's issuance account to the reseller's credit wallet (as the operator's credit sale does). Answers the entry,
 * the new balance and the feed's `balance` change for the caller to append (after any notices).
 */
export async function grantCredits(
  tx: Queryable,
  r: LockedReseller,
  credits: number,
  memo: string,
): Promise<{ entryId: string; balance: number; change: ChangeDraft }> {
  if (!canHold(r.balance, credits))
    throw new AppError('invalid_input', 'the wallet cannot hold these credits');
  const entryId = uuidv7();
  const balances = await writeJournal(tx, r.id, [
    {
      id: entryId,
      kind: 'credit_purchase',
      commandId: null,
      memo,
      lines: [
        { accountId: r.issuanceAccountId, amount: -credits, currency: r.currency },
        { accountId: r.creditAccountId, amount: credits, currency: r.currency },
      ],
    },
  ]);
  const balance = balances.get(r.creditAccountId)!;
  return {
    entryId,
    balance,
    change: { kind: 'balance', data: { resellerId: r.id, currency: r.currency, balance } },
  };
}

/** Whether a wallet at `balance` can take `credits` more and stay an exact (safe) integer. */
export function canHold(balance: number, credits: number): boolean {
  return Number.isSafeInteger(credits) && credits > 0 && Number.isSafeInteger(balance + credits);
}
