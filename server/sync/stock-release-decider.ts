import type { StockReleasePayload, StockReleaseResult } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import type { BatchStock } from '../stock/batch-stock';
import { STOCK_CREDIT_BACK_KIND } from '../stock/stock-credit-back';
import { reject, type BatchState, type CommandDecider, type ParsedCommand, type Verdict } from './push-batch';

/**
 * `stock.release`: the terminal gives unsold allocation of a package back to its reseller's unallocated stock. Only
 * the terminal itself releases (behind its own stock sales in its outbox), so its offline sales always stay within
 * what it holds; a release beyond what is left is refused `stock_exceeded` (no honest terminal sends it).
 *
 * Stock of a package the operator deactivated is credited back instead, at its lots' wholesale price (first in, first
 * out), in one journal entry (server/stock/stock-credit-back.ts has the rule): nobody could buy it from the pool.
 */
export class StockReleaseDecider implements CommandDecider<StockReleasePayload> {
  private readonly inactive = new Set<string>();

  constructor(private readonly stock: BatchStock) {}

  async load(state: BatchState, commands: readonly ParsedCommand<StockReleasePayload>[]): Promise<void> {
    if (commands.length === 0) return;
    await this.stock.load(
      state.tx,
      state.terminal.resellerId,
      state.terminal.terminalId,
      commands.map((c) => c.payload.packageId),
    );
    const ids = [...new Set(commands.map((c) => c.payload.packageId.toLowerCase()))];
    const rows = await state.tx.query<{ id: string }>(
      'SELECT id FROM packages WHERE id = ANY($1::uuid[]) AND NOT active',
      [ids],
    );
    for (const r of rows) this.inactive.add(r.id);
    if (rows.length > 0)
      await this.stock.loadLots(
        state.tx,
        state.terminal.resellerId,
        rows.map((r) => r.id),
      );
  }

  decide(state: BatchState, { id, payload }: ParsedCommand<StockReleasePayload>): Verdict {
    const packageId = payload.packageId.toLowerCase();
    const creditBack = this.inactive.has(packageId) && this.stock.lotsLeft(packageId) >= payload.quantity;
    const taken = this.stock.take(
      state.terminal.terminalId,
      packageId,
      payload.quantity,
      'released',
      !creditBack,
    );
    if (!taken.decision.ok)
      return reject(
        'stock_exceeded',
        `releases ${payload.quantity} of package ${packageId}; this terminal has ${taken.decision.remaining} left`,
      );
    if (creditBack) {
      const lots = this.stock.consumeLots(packageId, payload.quantity)!;
      const amount = lots.reduce((n, t) => n + t.lot.wholesalePrice * t.quantity, 0);
      if (amount > 0) {
        const { reseller } = state;
        state.writes.entries.push({
          id: uuidv7(),
          kind: STOCK_CREDIT_BACK_KIND,
          commandId: id,
          memo: `stock credited back: ${payload.quantity} of package ${packageId} (withdrawn)`,
          lines: [
            { accountId: reseller.creditAccountId, amount, currency: reseller.currency },
            { accountId: reseller.revenueAccountId, amount: -amount, currency: reseller.currency },
          ],
        });
        state.balance += amount;
      }
    }
    state.writes.changes.push({ kind: 'stock', data: taken.level });
    const result: StockReleaseResult = {
      packageId,
      released: payload.quantity,
      remaining: taken.decision.remaining,
    };
    return { status: 'applied', result };
  }

  async write(state: BatchState): Promise<void> {
    await this.stock.write(state.tx, state.terminal.resellerId);
  }
}
