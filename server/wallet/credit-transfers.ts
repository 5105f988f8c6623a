import { AppError } from '../../core/app-error';
import type { CreditTransfer } from '../../core/wallet/wallet-api';
import { uuidv7 } from '../../core/uuidv7';
import type { Queryable } from '../db/database';
import { toIso, toMinor } from '../db/sql-values';
import { lockReseller, type LockedReseller } from '../resellers/reseller-lock';
import { bulkInsert } from '../db/bulk-insert';
import { appendChanges } from '../sync/change-feed';
import { balanceAlertChanges } from './balance-alert';
import type { WalletDeps } from './wallet-deps';

/**
 * The account through which credits cross between a reseller and its affiliates. Journals are kept per reseller (the
 * schema distributes by reseller), so a transfer is one journal entry id written in both resellers' journals, each half
 * balanced through its side's transfer account: sender credits -> sender transfers, receiver transfers -> receiver
 * credits. Across both, the transfer accounts sum to zero.
 */
const TRANSFER_ACCOUNT_KIND = 'affiliate_transfers';

async function transferAccount(tx: Queryable, r: LockedReseller): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    'SELECT id FROM accounts WHERE reseller_id = $1 AND kind = $2',
    [r.id, TRANSFER_ACCOUNT_KIND],
  );
  if (rows[0]) return rows[0].id;
  const id = uuidv7();
  await tx.query('INSERT INTO accounts (reseller_id, id, kind, currency) VALUES ($1, $2, $3, $4)', [
    r.id,
    id,
    TRANSFER_ACCOUNT_KIND,
    r.currency,
  ]);
  return id;
}

/** Moves one posting pair in one reseller's journal and updates its cached balances; answers its credit balance. */
async function writeHalf(
  tx: Queryable,
  r: LockedReseller,
  entryId: string,
  transferId: string,
  viaAccount: string,
  creditDelta: number,
): Promise<number> {
  await tx.query(
    `INSERT INTO journal_entries (reseller_id, id, kind, command_id, memo) VALUES ($1, $2, 'credit_transfer', NULL, $3)`,
    [r.id, entryId, `transfer ${transferId}`],
  );
  await bulkInsert(
    tx,
    'postings',
    [
      { name: 'reseller_id', type: 'uuid' },
      { name: 'entry_id', type: 'uuid' },
      { name: 'line', type: 'smallint' },
      { name: 'account_id', type: 'uuid' },
      { name: 'amount', type: 'bigint' },
      { name: 'currency', type: 'bpchar' },
    ],
    [
      [r.id, entryId, 1, r.creditAccountId, creditDelta, r.currency],
      [r.id, entryId, 2, viaAccount, -creditDelta, r.currency],
    ],
  );
  await tx.query('UPDATE accounts SET balance = balance - $3 WHERE reseller_id = $1 AND id = $2', [
    r.id,
    viaAccount,
    creditDelta,
  ]);
  const rows = await tx.query<{ balance: unknown }>(
    'UPDATE accounts SET balance = balance + $3 WHERE reseller_id = $1 AND id = $2 RETURNING balance',
    [r.id, r.creditAccountId, creditDelta],
  );
  return toMinor(rows[0]!.balance);
}

function transferFromRow(
  fromResellerId: string,
  r: {
    id: string;
    to_reseller_id: string;
    amount: unknown;
    currency: string;
    balance_after: unknown;
    balance_seq: unknown;
    created_at: unknown;
  },
): CreditTransfer {
  return {
    transferId: r.id,
    fromResellerId,
    toResellerId: r.to_reseller_id,
    amount: toMinor(r.amount),
    currency: r.currency.trim(),
    balanceAfter: toMinor(r.balance_after),
    ...(r.balance_seq === null ? {} : { balanceSeq: String(toMinor(r.balance_seq)) }),
    createdAt: toIso(r.created_at),
  };
}

/**
 * Moves credits from a reseller to one of its direct affiliates (same currency, never below zero), idempotent by
 * transferId: a replay answers the first result, the same id with another payload is refused. Both resellers are
 * locked in id order (the lock order of every path that moves value between resellers); both feeds get the balance.
 */
export async function transferCredits(
  deps: WalletDeps,
  fromResellerId: string,
  input: { transferId: string; toResellerId: string; amount: number },
): Promise<CreditTransfer> {
  const transferId = input.transferId.toLowerCase();
  const toId = input.toResellerId.toLowerCase();
  if (toId === fromResellerId) throw new AppError('invalid_input', 'a reseller cannot transfer to itself');
  return deps.db.transaction(async (tx) => {
    const [firstId, secondId] = [fromResellerId, toId].sort();
    const first = await lockReseller(tx, firstId!);
    const second = await lockReseller(tx, secondId!);
    const from = first.id === fromResellerId ? first : second;
    const to = first.id === fromResellerId ? second : first;
    const seen = await tx.query<{
      id: string;
      to_reseller_id: string;
      amount: unknown;
      currency: string;
      balance_after: unknown;
      balance_seq: unknown;
      created_at: unknown;
    }>(
      `SELECT id, to_reseller_id, amount, currency, balance_after, balance_seq, created_at FROM credit_transfers
        WHERE reseller_id = $1 AND id = $2`,
      [fromResellerId, transferId],
    );
    if (seen[0]) {
      if (seen[0].to_reseller_id !== toId || toMinor(seen[0].amount) !== input.amount) {
        throw new AppError('conflict', 'this transfer id was used for another transfer');
      }
      return transferFromRow(fromResellerId, seen[0]);
    }
    const parent = await tx.query<{ parent_id: string | null }>(
      'SELECT parent_id FROM resellers WHERE id = $1',
      [toId],
    );
    if (parent[0]?.parent_id !== fromResellerId) {
      throw new AppError('forbidden', 'credits move only to a direct affiliate');
    }
    if (to.currency !== from.currency) {
      throw new AppError('invalid_input', 'the affiliate keeps its credits in another currency');
    }
    if (from.balance < input.amount) {
      throw new AppError(
        'insufficient_credits',
        `the transfer is ${input.amount} and the balance ${from.balance}`,
      );
    }
    if (!Number.isSafeInteger(to.balance + input.amount)) {
      throw new AppError(
        'invalid_input',
        'the transfer would take the balance beyond the largest amount we store',
      );
    }
    const entryId = uuidv7();
    const nowMs = deps.now();
    const fromBalance = await writeHalf(
      tx,
      from,
      entryId,
      transferId,
      await transferAccount(tx, from),
      -input.amount,
    );
    const toBalance = await writeHalf(
      tx,
      to,
      entryId,
      transferId,
      await transferAccount(tx, to),
      input.amount,
    );
    const rows = await tx.query<{
      id: string;
      to_reseller_id: string;
      amount: unknown;
      currency: string;
      balance_after: unknown;
      balance_seq: unknown;
      created_at: unknown;
    }>(
      `INSERT INTO credit_transfers (reseller_id, id, to_reseller_id, amount, currency, balance_after, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, to_reseller_id, amount, currency, balance_after, balance_seq, created_at`,
      [
        fromResellerId,
        transferId,
        toId,
        input.amount,
        from.currency,
        fromBalance,
        new Date(nowMs).toISOString(),
      ],
    );
    // The balance change is appended last: its seq is the one the answer carries.
    const balanceSeq = await appendChanges(tx, from.id, [
      ...(await balanceAlertChanges(tx, from.id, from.currency, from.balance, fromBalance, nowMs)),
      { kind: 'balance', data: { resellerId: from.id, currency: from.currency, balance: fromBalance } },
    ]);
    await appendChanges(tx, to.id, [
      { kind: 'balance', data: { resellerId: to.id, currency: to.currency, balance: toBalance } },
    ]);
    await tx.query('UPDATE credit_transfers SET balance_seq = $3 WHERE reseller_id = $1 AND id = $2', [
      fromResellerId,
      transferId,
      balanceSeq,
    ]);
    return { ...transferFromRow(fromResellerId, rows[0]!), balanceSeq: String(balanceSeq) };
  });
}

/** A direct affiliate of a reseller, as the wallet's transfer form lists it. */
export interface WalletAffiliate {
  readonly resellerId: string;
  readonly name: string;
  readonly currency: string;
  readonly balance: number;
}

/** The direct affiliates of a reseller (the ones it may move credits to), with their balances, by name. */
export async function listAffiliates(deps: WalletDeps, resellerId: string): Promise<WalletAffiliate[]> {
  const rows = await deps.db.query<{ id: string; name: string; currency: string; balance: unknown }>(
    `SELECT r.id, r.name, r.currency, a.balance FROM resellers r
       JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id
      WHERE r.parent_id = $1 ORDER BY r.name, r.id`,
    [resellerId],
  );
  return rows.map((r) => ({
    resellerId: r.id,
    name: r.name,
    currency: r.currency.trim(),
    balance: toMinor(r.balance),
  }));
}
