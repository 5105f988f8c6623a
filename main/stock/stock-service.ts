import type { Database } from 'better-sqlite3';
import { AppError } from '../../core/app-error';
import type { SaleCreateOutcome, SaleRecord } from '../../core/contract/types/sales';
import type { StockItem, StockOverview, StockPurchaseResult } from '../../core/contract/types/stock';
import {
  DEFAULT_LOW_STOCK_THRESHOLD,
  decideStockTake,
  isLowStock,
  remainingStock,
} from '../../core/stock/stock-allocation';
import {
  stockSalePayloadSchema,
  type OutboxCommand,
  type StockReleasePayload,
  type StockSalePayload,
} from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import { ApiClientError } from '../api-client/api-error';
import type { TerminalApiClient } from '../api-client/terminal-api-client';
import { ACCOUNTS, type AckRecord, type Clock } from '../ledger/ledger-types';
import type { LocalLedger } from '../ledger/local-ledger';
import { commandTime } from '../ledger/command-time';
import { checkSameSale, draftSale, priceSale, saleTime } from '../sales/sale-draft';
import { formatSaleNumber } from '../sales/sale-number';
import type { SaleStore } from '../sales/sale-store';
import { readNumberSetting, writeSetting } from '../settings/terminal-settings';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import type { LocalStockRow, StockStore } from './stock-store';
import { notEnrolled } from '../terminal/terminal-identity-store';

/** The `app_settings` key of the low-stock threshold. */
export const LOW_STOCK_SETTING = 'stock.lowThreshold';

/** What selling from stock, releasing and buying stock need. */
export interface StockServiceDeps {
  readonly db: Database;
  readonly ledger: LocalLedger;
  readonly sales: SaleStore;
  readonly stock: StockStore;
  readonly identity: TerminalIdentityStore;
  /** Online-first push: resolves with the ack, or null when no answer in time. */
  readonly pushAndWait: (commandId: string, timeoutMs: number) => Promise<AckRecord | null>;
  readonly onlineWaitMs: () => number;
  readonly api: () => TerminalApiClient | null;
  /** Pulls the feed right after a purchase, so the level and balance show at once. */
  readonly syncNow: () => Promise<unknown>;
  readonly clock: Clock;
  readonly onCommitted?: () => void;
  /** Puts the sale in a shift, inside its transaction once its checks passed (as SalesDeps.openShiftForSale). */
  readonly openShiftForSale?: (clerkId: string | null) => void;
}

/** What the Sell screen sends to sell from stock. */
export interface StockSaleInput {
  readonly packageId: string;
  readonly customerAccount: string;
  readonly quantity: number;
  readonly tenderedAmount?: number | undefined;
  readonly saleId?: string | undefined;
}

/**
 * Inventory stock at the counter. A sale from stock commits its sale row (marked `from_stock`), its journal entry
 * (cash only: the stock was paid for when bought) and its `stock.sale` command in one transaction, and only when this
 * terminal's remaining allocation (allocated as last pulled - its releases - its stock sales, synced or not) covers
 * it, checked inside that transaction: so it never oversells, offline included, and the server (judging the same
 * commands in the same order against an allocation at least as large) accepts every one. No floor limit applies
 * (nothing is owed). Online, the command is pushed at once and the answer awaited a few seconds; without one the sale
 * is queued and syncs exactly once through the outbox. Releasing allocation is a `stock.release` command of this
 * terminal (see core/stock/stock-allocation.ts for why only the terminal itself may take its allocation away).
 */
export class StockService {
  constructor(private readonly d: StockServiceDeps) {
    d.ledger.registerEffects('stock.sale', {
      applied: (command) => {
        const { saleId } = command.payload as StockSalePayload;
        d.sales.confirm(saleId);
        d.stock.markActivated(saleId);
      },
      rejected: (command, reason, message) =>
        d.sales.reverse((command.payload as StockSalePayload).saleId, reason, message),
    });
    d.ledger.registerEffects('stock.release', {
      applied: (command) => d.stock.settleRelease(command.id, true),
      rejected: (command) => d.stock.settleRelease(command.id, false),
    });
    d.ledger.registerChangeHandler('stock', (ch) =>
      d.stock.applyLevel(ch.data, d.identity.get()?.terminalId ?? null, ch.seq),
    );
  }

  /** Stock per package with what is left here, and the low-stock threshold. */
  overview(): StockOverview {
    const lowThreshold = this.lowThreshold();
    return { lowThreshold, items: this.d.stock.all().map((r) => toItem(r, lowThreshold)) };
  }

  /** The low-stock threshold (a setting; default 5). */
  lowThreshold(): number {
    return readNumberSetting(this.d.db, LOW_STOCK_SETTING, DEFAULT_LOW_STOCK_THRESHOLD);
  }

  /** Sets the low-stock threshold (0 turns the warning off). */
  setLowThreshold(threshold: number): StockOverview {
    writeSetting(this.d.db, LOW_STOCK_SETTING, threshold, new Date(this.d.clock()).toISOString());
    return this.overview();
  }

  /** Sells from this terminal's stock; see the class comment. Errors: stock_short (nothing written), and as sales. */
  async sell(input: StockSaleInput, clerkId: string | null): Promise<SaleCreateOutcome> {
    const { ledger, sales } = this.d;
    const commit = ledger.transaction(() => this.commitSale(input, clerkId));
    if ('replayed' in commit) return commit.replayed;
    const { sale, online } = commit;
    this.d.onCommitted?.();
    if (!online) return { outcome: 'queued', sale };
    const ack = await this.d.pushAndWait(sale.commandId, this.d.onlineWaitMs());
    if (!ack) {
      // No answer in time: the stock is prepaid, so the sale stands and syncs later (no offline rule to pass).
      ledger.transaction(() => {
        if (sales.get(sale.id)?.status === 'pending') sales.setStatus(sale.id, 'queued');
      });
      this.d.onCommitted?.();
    }
    return this.outcomeOf(sales.get(sale.id)!);
  }

  /**
   * A stock sale's checks and writes, inside its transaction (as SalesService.commitSale): the terminal's state, a
   * retried attempt, the package, the clock and the stock left are read in the transaction that writes against them.
   */
  private commitSale(
    input: StockSaleInput,
    clerkId: string | null,
  ): { readonly replayed: SaleCreateOutcome } | { readonly sale: SaleRecord; readonly online: boolean } {
    const { ledger, sales, stock, identity } = this.d;
    const { terminal, block } = identity.requireState();
    if (block) throw new AppError('terminal_blocked', block.message, { reason: block.reason });
    if (input.saleId) {
      const earlier = sales.get(input.saleId.toLowerCase());
      if (earlier) {
        checkSameSale(earlier, input, true);
        return { replayed: this.outcomeOf(earlier) };
      }
    }
    // Stock of a package the operator deactivated was paid for and is still sold (the server honours it too, see
    // server/sync/stock-sale-decider.ts); without stock left the take below refuses.
    const priced = priceSale(input, sales.package(input.packageId.toLowerCase()), terminal.currency, {
      sellsInactive: true,
    });
    const { pkg, retail } = priced;
    const sync = ledger.syncState();
    const online = sync.lastContactOnline;
    const nowMs = this.d.clock();
    const createdAt = saleTime(nowMs, sync.clockOffsetMs);
    const saleId = input.saleId?.toLowerCase() ?? uuidv7(nowMs);
    const commandId = uuidv7(nowMs);
    const decision = decideStockTake(
      stock.one(pkg.id) ?? { allocated: 0, released: 0, sold: 0 },
      input.quantity,
    );
    if (!decision.ok) throw new AppError('stock_short', decision.message, { left: decision.remaining });
    this.d.openShiftForSale?.(clerkId);
    const saleNumber = formatSaleNumber(terminal.salePrefix, ledger.nextCounter('sale_number'));
    const { payload, record: sale } = draftSale(
      priced,
      input,
      { id: saleId, saleNumber, commandId, clerkId, createdAt, online },
      stockSalePayloadSchema,
      true,
    );
    sales.insert(sale);
    stock.markFromStock(saleId);
    const command: OutboxCommand = {
      id: commandId,
      type: 'stock.sale',
      payload,
      createdAt,
      clerkId,
      offline: !online,
    };
    ledger.writeOperation({
      command,
      debit: 0,
      offlineAmount: 0,
      entryKind: 'stock_sale',
      memo: `stock sale ${saleNumber}`,
      postings: [
        { account: ACCOUNTS.cashDrawer, amount: retail, currency: pkg.currency },
        { account: ACCOUNTS.salesRevenue, amount: -retail, currency: pkg.currency },
      ],
    });
    return { sale, online };
  }

  /**
   * Gives `quantity` of this terminal's unsold allocation of a package back to the shop's unallocated stock (a
   * manager's; queued like a sale, so it works offline and reaches the server behind this terminal's stock sales).
   * Errors: stock_short (more than is left here; nothing written).
   */
  release(packageId: string, quantity: number, clerkId: string): StockOverview {
    const { ledger, stock } = this.d;
    const id = packageId.toLowerCase();
    const at = commandTime(this.d.clock());
    ledger.transaction(() => {
      const row = stock.one(id);
      const decision = decideStockTake(row ?? { allocated: 0, released: 0, sold: 0 }, quantity);
      if (!decision.ok) throw new AppError('stock_short', decision.message, { left: decision.remaining });
      const payload: StockReleasePayload = { packageId: id, quantity };
      const command: OutboxCommand = {
        id: uuidv7(this.d.clock()),
        type: 'stock.release',
        payload,
        createdAt: at,
        clerkId,
        offline: !ledger.syncState().lastContactOnline,
      };
      ledger.writeCommand(command, 0, 0);
      stock.insertRelease(command.id, id, quantity, clerkId, at);
    });
    this.d.onCommitted?.();
    return this.overview();
  }

  /**
   * Buys stock ahead through the central API (a manager's, online): debited once whatever retries happen (the
   * purchase id is made once per call and reused by the client's retry). Allocated to this terminal unless
   * `allocateTo` names another terminal of the shop. Errors: offline, insufficient_credits, package_inactive.
   */
  async purchase(packageId: string, quantity: number, purchaseId: string): Promise<StockPurchaseResult> {
    const api = this.requireApi();
    const answer = await this.online(() => api.purchaseStock({ purchaseId, packageId, quantity }));
    // The answer's level and balance are the server's: store both at once, in one transaction, so the offline rule
    // never counts on the credits this purchase spent even when the pull below fails (DESIGN invariant 6). The
    // balance carries its feed seq and is kept only when newer than the one stored (as a push answer's).
    const own = this.d.identity.get()?.terminalId ?? null;
    this.d.ledger.transaction(() => {
      this.d.stock.applyLevel(answer.level, own, '0');
      this.d.ledger.applyOutcomes([], [], answer.balance);
    });
    await this.d.syncNow().catch(() => undefined);
    const lowThreshold = this.lowThreshold();
    const row = this.d.stock.one(answer.packageId);
    return {
      purchaseId: answer.purchaseId,
      packageId: answer.packageId,
      quantity: answer.quantity,
      wholesaleAmount: answer.wholesaleAmount,
      currency: answer.currency,
      resellerBalance: answer.resellerBalance,
      item: toItem(row!, lowThreshold),
    };
  }

  /** Allocates unallocated stock to a terminal of the shop (a manager's, online). Errors: offline, stock_unavailable. */
  async allocate(
    packageId: string,
    terminalId: string,
    quantity: number,
    allocationId: string,
  ): Promise<StockOverview> {
    const api = this.requireApi();
    await this.online(() => api.allocateStock({ allocationId, packageId, terminalId, quantity }));
    await this.d.syncNow().catch(() => undefined);
    return this.overview();
  }

  private requireApi(): TerminalApiClient {
    const api = this.d.api();
    if (!api) throw notEnrolled();
    return api;
  }

  private async online<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof ApiClientError && err.fromApi) throw new AppError(err.code, err.message);
      if (err instanceof ApiClientError)
        throw new AppError(
          'offline',
          'Buying stock needs the central API, which did not answer. Try again when online.',
        );
      throw err;
    }
  }

  private outcomeOf(sale: SaleRecord): SaleCreateOutcome {
    if (sale.status === 'reversed')
      return {
        outcome: 'rejected',
        sale,
        reason: (sale.reason ?? 'stock_exceeded') as Extract<
          SaleCreateOutcome,
          { outcome: 'rejected' }
        >['reason'],
        message: sale.message ?? 'Rejected by the server.',
      };
    if (sale.status === 'confirmed' || sale.status === 'confirmed_after_refusal')
      return { outcome: 'confirmed', sale };
    return { outcome: 'queued', sale };
  }
}

function toItem(r: LocalStockRow, lowThreshold: number): StockItem {
  const left = remainingStock(r);
  return { ...r, left, low: isLowStock(left, lowThreshold) };
}
