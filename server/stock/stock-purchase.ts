import { AppError } from '../../core/app-error';
import type {
  StockAllocationAnswer,
  StockAllocationRequest,
  StockPurchase,
  StockPurchaseRequest,
} from '../../core/stock/stock-schemas';
import { uuidv7 } from '../../core/uuidv7';
import { PACKAGE_COLUMNS, packageFromRow, type PackageRow } from '../catalog/package-row';
import type { Database, Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';
import { writeJournal } from '../ledger/journal-writer';
import { lockReseller } from '../resellers/reseller-lock';
import { appendChanges, type ChangeDraft } from '../sync/change-feed';
import { balanceAlertChanges } from '../wallet/balance-alert';
import { emptyLevel, moveStock, stockLevels } from './stock-levels';

/** The terminal asking (a manager there, as the terminal checks). */
export interface StockRequester {
  readonly resellerId: string;
  readonly terminalId: string;
}

interface MoveRow {
  kind: 'purchase' | 'allocate';
  package_id: string;
  terminal_id: string | null;
  quantity: unknown;
  wholesale_amount: unknown;
  currency: string;
}

/**
 * Buys `quantity` of a package ahead, in one transaction under the reseller's lock: the credits are debited in one
 * journal entry (wholesale price x quantity, at the package's current version), the stock joins the reseller's pool
 * and is allocated to `allocateTo` (default: the buying terminal; null leaves it unallocated); the balance and the
 * stock level go on the change feed. Idempotent by `purchaseId`: a repeat answers the first purchase (with today's
 * level and balance) and debits nothing; the same id with another request is a conflict.
 */
export async function purchaseStock(
  db: Database,
  who: StockRequester,
  input: StockPurchaseRequest,
): Promise<StockPurchase> {
  const purchaseId = input.purchaseId.toLowerCase();
  const packageId = input.packageId.toLowerCase();
  const target = input.allocateTo === undefined ? who.terminalId : (input.allocateTo?.toLowerCase() ?? null);
  return db.transaction(async (tx) => {
    // The package row first (shared), as a deactivation locks it before the resellers it credits back: a purchase
    // either lands before it (and is credited back with the rest) or sees the package inactive.
    await tx.query('SELECT 1 FROM packages WHERE id = $1 FOR SHARE', [packageId]);
    const reseller = await lockReseller(tx, who.resellerId);
    const prior = await moveById(tx, who.resellerId, purchaseId);
    if (prior) {
      if (
        prior.kind !== 'purchase' ||
        prior.package_id !== packageId ||
        toMinor(prior.quantity) !== input.quantity ||
        prior.terminal_id !== target
      )
        throw new AppError('conflict', 'this purchase id was used for another request');
      const level = await levelOf(tx, who.resellerId, target ?? who.terminalId, packageId);
      // Under the reseller's lock every move of its credits is on the feed: today's balance holds as of its last seq.
      const [feed] = await tx.query<{ last_seq: unknown }>(
        'SELECT last_seq FROM change_counters WHERE reseller_id = $1',
        [who.resellerId],
      );
      return {
        purchaseId,
        packageId,
        quantity: input.quantity,
        wholesaleAmount: toMinor(prior.wholesale_amount),
        currency: prior.currency.trim(),
        resellerBalance: reseller.balance,
        balance: {
          currency: reseller.currency.trim(),
          balance: reseller.balance,
          seq: String(feed?.last_seq ?? 0),
        },
        level,
      };
    }
    if (target !== null) await requireTerminal(tx, who.resellerId, target);
    const [row] = await tx.query<PackageRow>(`SELECT ${PACKAGE_COLUMNS} FROM packages WHERE id = $1`, [
      packageId,
    ]);
    if (!row) throw new AppError('not_found', 'no such package');
    const pkg = packageFromRow(row);
    if (!pkg.active) throw new AppError('package_inactive', `package ${pkg.code} is not on sale`);
    if (pkg.currency.trim() !== reseller.currency.trim())
      throw new AppError(
        'currency_mismatch',
        `package ${pkg.code} is in ${pkg.currency}, the shop in ${reseller.currency}`,
      );
    const wholesaleAmount = pkg.wholesalePrice * input.quantity;
    if (!Number.isSafeInteger(wholesaleAmount)) throw new AppError('invalid_input', 'amount out of range');
    if (reseller.balance - wholesaleAmount < 0)
      throw new AppError(
        'insufficient_credits',
        `buying ${input.quantity} x ${pkg.code} costs ${wholesaleAmount}; the shop has ${reseller.balance} credits`,
      );
    const entryId = uuidv7();
    const cur = reseller.currency;
    const balances = await writeJournal(tx, who.resellerId, [
      {
        id: entryId,
        kind: 'stock_purchase',
        commandId: null,
        memo: `stock ${input.quantity} x ${pkg.code}`,
        lines: [
          { accountId: reseller.creditAccountId, amount: -wholesaleAmount, currency: cur },
          { accountId: reseller.revenueAccountId, amount: wholesaleAmount, currency: cur },
        ],
      },
    ]);
    const balance = balances.get(reseller.creditAccountId)!;
    await moveStock(tx, who.resellerId, target, packageId, {
      bought: input.quantity,
      unallocated: target === null ? input.quantity : 0,
      allocated: target === null ? 0 : input.quantity,
    });
    await tx.query(
      `INSERT INTO stock_moves (reseller_id, id, kind, package_id, package_version, terminal_id, quantity,
                                wholesale_amount, currency, entry_id, requested_by)
       VALUES ($1, $2, 'purchase', $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        who.resellerId,
        purchaseId,
        packageId,
        pkg.version,
        target,
        input.quantity,
        wholesaleAmount,
        cur,
        entryId,
        who.terminalId,
      ],
    );
    // The lot of the version bought (review F1): stock sales consume lots first in, first out, at their prices.
    await tx.query(
      `INSERT INTO stock_lots (reseller_id, package_id, package_version, bought) VALUES ($1, $2, $3, $4)
       ON CONFLICT (reseller_id, package_id, package_version) DO UPDATE SET bought = stock_lots.bought + $4`,
      [who.resellerId, packageId, pkg.version, input.quantity],
    );
    const level = await levelOf(tx, who.resellerId, target ?? who.terminalId, packageId);
    // The balance change goes last, so the feed's last seq is the balance's (answered with it).
    const seq = await appendChanges(tx, who.resellerId, [
      ...(await levelChanges(tx, who.resellerId, packageId, target, who.terminalId)),
      // A debit like any other: the balance alert here, auto top-up after the commit (the route's afterDebit).
      ...(await balanceAlertChanges(tx, who.resellerId, cur, reseller.balance, balance)),
      { kind: 'balance', data: { resellerId: who.resellerId, currency: cur, balance } },
    ]);
    return {
      purchaseId,
      packageId,
      quantity: input.quantity,
      wholesaleAmount,
      currency: cur.trim(),
      resellerBalance: balance,
      balance: { currency: cur.trim(), balance, seq: String(seq) },
      level,
    };
  });
}

/**
 * Allocates unallocated stock of a package to a terminal of the reseller (allocations only ever add: see
 * core/stock/stock-allocation.ts). Idempotent by `allocationId`. Refused `stock_unavailable` when the pool holds less.
 */
export async function allocateStock(
  db: Database,
  who: StockRequester,
  input: StockAllocationRequest,
): Promise<StockAllocationAnswer> {
  const allocationId = input.allocationId.toLowerCase();
  const packageId = input.packageId.toLowerCase();
  const terminalId = input.terminalId.toLowerCase();
  return db.transaction(async (tx) => {
    const reseller = await lockReseller(tx, who.resellerId);
    const prior = await moveById(tx, who.resellerId, allocationId);
    if (prior) {
      if (
        prior.kind !== 'allocate' ||
        prior.package_id !== packageId ||
        prior.terminal_id !== terminalId ||
        toMinor(prior.quantity) !== input.quantity
      )
        throw new AppError('conflict', 'this allocation id was used for another request');
      return { allocationId, level: await levelOf(tx, who.resellerId, terminalId, packageId) };
    }
    await requireTerminal(tx, who.resellerId, terminalId);
    const pool = (await stockLevels(tx, who.resellerId, terminalId, [packageId])).get(packageId);
    if (!pool || pool.unallocated < input.quantity)
      throw new AppError(
        'stock_unavailable',
        `only ${pool?.unallocated ?? 0} of this package are bought and not allocated to a terminal`,
      );
    await moveStock(tx, who.resellerId, terminalId, packageId, {
      unallocated: -input.quantity,
      allocated: input.quantity,
    });
    await tx.query(
      `INSERT INTO stock_moves (reseller_id, id, kind, package_id, terminal_id, quantity, currency, requested_by)
       VALUES ($1, $2, 'allocate', $3, $4, $5, $6, $7)`,
      [
        who.resellerId,
        allocationId,
        packageId,
        terminalId,
        input.quantity,
        reseller.currency,
        who.terminalId,
      ],
    );
    await appendChanges(tx, who.resellerId, await levelChanges(tx, who.resellerId, packageId, terminalId));
    return { allocationId, level: await levelOf(tx, who.resellerId, terminalId, packageId) };
  });
}

/** Every package the reseller bought, with this terminal's allocation of each. */
export async function listStock(db: Database, who: StockRequester): Promise<{ levels: StockLevelList }> {
  return { levels: [...(await stockLevels(db, who.resellerId, who.terminalId)).values()] };
}
type StockLevelList = ReturnType<typeof emptyLevel>[];

/**
 * The `stock` changes a move of one package makes: the terminal whose allocation changed (or, for stock left
 * unallocated, every terminal holding an allocation of it and the buyer, so each sees the new pool totals).
 */
export async function levelChanges(
  tx: Queryable,
  resellerId: string,
  packageId: string,
  terminalId: string | null,
  buyer: string | null = null,
): Promise<ChangeDraft[]> {
  const holders = async (): Promise<string[]> => {
    const rows = await tx.query<{ terminal_id: string }>(
      'SELECT terminal_id FROM stock_allocations WHERE reseller_id = $1 AND package_id = $2 ORDER BY terminal_id',
      [resellerId, packageId],
    );
    const ids = rows.map((r) => r.terminal_id);
    return buyer !== null && !ids.includes(buyer) ? [...ids, buyer] : ids;
  };
  const terminals = terminalId !== null ? [terminalId] : await holders();
  const out: ChangeDraft[] = [];
  for (const t of terminals) out.push({ kind: 'stock', data: await levelOf(tx, resellerId, t, packageId) });
  return out;
}

async function levelOf(q: Queryable, resellerId: string, terminalId: string, packageId: string) {
  return (
    (await stockLevels(q, resellerId, terminalId, [packageId])).get(packageId) ??
    emptyLevel(packageId, terminalId)
  );
}

async function moveById(q: Queryable, resellerId: string, id: string): Promise<MoveRow | null> {
  const rows = await q.query<MoveRow>(
    `SELECT kind, package_id, terminal_id, quantity, wholesale_amount, currency FROM stock_moves
      WHERE reseller_id = $1 AND id = $2`,
    [resellerId, id],
  );
  return rows[0] ?? null;
}

async function requireTerminal(q: Queryable, resellerId: string, terminalId: string): Promise<void> {
  // A revoked terminal can never sell nor give stock back (it cannot push): no stock goes to it (review F3).
  const rows = await q.query(
    'SELECT 1 FROM terminals WHERE reseller_id = $1 AND id = $2 AND revoked_at IS NULL',
    [resellerId, terminalId],
  );
  if (rows.length === 0) throw new AppError('not_found', 'no such terminal of this shop');
}
