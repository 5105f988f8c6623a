import { uuidv7 } from '../../core/uuidv7';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';
import { writeJournal } from '../ledger/journal-writer';
import { lockReseller } from '../resellers/reseller-lock';
import type { ChangeDraft } from '../sync/change-feed';
import { moveStock } from './stock-levels';
import { levelChanges } from './stock-purchase';

/**
 * The rule for stock of a package the operator deactivated (review F4). Nothing a terminal holds is taken back: its
 * allocation stays sellable there, offline too, and the server honours those sales at the lots bought (only the
 * terminal itself ever lowers its allocation, so a sale it made offline and has not synced yet is always applied:
 * core/stock/stock-allocation.ts). What no terminal holds is credited back at its purchase price, so nothing the shop
 * paid for is stranded:
 * - on deactivation, every shop's unallocated stock of the package (`creditBackUnallocated`, one journal entry per
 *   shop, from `server/catalog/package-service.ts`);
 * - later, whatever a terminal gives back of it (`stock.release`, server/sync/stock-release-decider.ts) or a revoked
 *   terminal held (server/terminals/terminal-revocation.ts).
 * The credit is the wholesale price of the lots it takes, first in, first out (as sales take them).
 */
export const STOCK_CREDIT_BACK_KIND = 'stock_credit_back';

/**
 * Credits back a shop's unallocated stock of a package at its lots' wholesale prices, in one journal entry, and
 * empties the pool; answers the `stock` and `balance` changes to append (none when nothing was unallocated). Takes
 * the reseller's lock (call before appending to any feed, as every writer of the reseller's credits does).
 */
export async function creditBackUnallocated(
  tx: Queryable,
  resellerId: string,
  packageId: string,
): Promise<ChangeDraft[]> {
  const reseller = await lockReseller(tx, resellerId);
  const [pool] = await tx.query<{ unallocated: unknown }>(
    'SELECT unallocated FROM stock_pools WHERE reseller_id = $1 AND package_id = $2',
    [resellerId, packageId],
  );
  const units = pool ? toMinor(pool.unallocated) : 0;
  if (units === 0) return [];
  const lots = await tx.query<{ package_version: number; left: unknown; wholesale_price: unknown }>(
    `SELECT l.package_version, l.bought - l.consumed AS left, v.wholesale_price
       FROM stock_lots l JOIN package_versions v ON v.package_id = l.package_id AND v.version = l.package_version
      WHERE l.reseller_id = $1 AND l.package_id = $2 AND l.bought > l.consumed
      ORDER BY l.package_version FOR UPDATE OF l`,
    [resellerId, packageId],
  );
  let need = units;
  let amount = 0;
  for (const lot of lots) {
    if (need === 0) break;
    const n = Math.min(need, toMinor(lot.left));
    need -= n;
    amount += n * toMinor(lot.wholesale_price);
    await tx.query(
      `UPDATE stock_lots SET consumed = consumed + $4
        WHERE reseller_id = $1 AND package_id = $2 AND package_version = $3`,
      [resellerId, packageId, lot.package_version, n],
    );
  }
  await moveStock(tx, resellerId, null, packageId, { unallocated: -units });
  const changes = await levelChanges(tx, resellerId, packageId, null);
  if (amount === 0) return changes;
  const cur = reseller.currency;
  const balances = await writeJournal(tx, resellerId, [
    {
      id: uuidv7(),
      kind: STOCK_CREDIT_BACK_KIND,
      commandId: null,
      memo: `stock credited back: ${units - need} of package ${packageId} (withdrawn)`,
      lines: [
        { accountId: reseller.creditAccountId, amount, currency: cur },
        { accountId: reseller.revenueAccountId, amount: -amount, currency: cur },
      ],
    },
  ]);
  const balance = balances.get(reseller.creditAccountId)!;
  // The balance change goes last, as everywhere: its seq places the balance in the feed.
  return [...changes, { kind: 'balance', data: { resellerId, currency: cur.trim(), balance } }];
}

/** Credits back every shop's unallocated stock of a package being deactivated (one journal entry per shop). */
export async function creditBackDeactivatedPackage(
  tx: Queryable,
  packageId: string,
  append: (resellerId: string, changes: ChangeDraft[]) => Promise<unknown>,
): Promise<void> {
  const shops = await tx.query<{ reseller_id: string }>(
    // Every shop with a pool of it, empty or not: a release committing while this waits for its lock fills it.
    'SELECT reseller_id FROM stock_pools WHERE package_id = $1 ORDER BY reseller_id',
    [packageId],
  );
  for (const s of shops)
    await append(s.reseller_id, await creditBackUnallocated(tx, s.reseller_id, packageId));
}
