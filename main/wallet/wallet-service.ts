import { AppError } from '../../core/app-error';
import type {
  WalletBalanceView,
  WalletHistoryCsvPiece,
  WalletHistoryPage,
  WalletNoticeItem,
  WalletPackages,
} from '../../core/contract/types/wallet';
import type { WalletNotice } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import type { CreditTransfer, Purchase } from '../../core/wallet/wallet-api';
import { walletCsvHeader, walletCsvLines } from '../../core/wallet/wallet-history-csv';
import type { WalletHistoryFilter } from '../../core/wallet/wallet-history-filter';
import { ApiClientError } from '../api-client/api-error';
import { onlineCall } from '../api-client/online-call';
import type { TerminalApiClient } from '../api-client/terminal-api-client';
import type { Clock } from '../ledger/ledger-types';
import type { LocalLedger } from '../ledger/local-ledger';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import { WalletApiClient } from './wallet-api-client';
import type { WalletNoticeStore } from './wallet-notice-store';
import type { WalletRequestKind, WalletRequestStore } from './wallet-request-store';
import { notEnrolled } from '../terminal/terminal-identity-store';

/** Rows per piece of the CSV export (one page of the central API's journal route, its maximum). */
const CSV_PAGE = 500;

/** What the wallet needs. */
export interface WalletServiceDeps {
  readonly ledger: LocalLedger;
  readonly identity: TerminalIdentityStore;
  readonly requests: WalletRequestStore;
  readonly notices: WalletNoticeStore;
  readonly api: () => TerminalApiClient | null;
  /** Pulls the feed right after a purchase or transfer, so the balance shows it at once. */
  readonly syncNow: () => Promise<unknown>;
  readonly clock: Clock;
  /** Told about each new notice once its pull committed (the renderer toasts it). */
  readonly onNotice: (notice: WalletNoticeItem) => void;
}

/**
 * The reseller's wallet at the terminal. The balance and the notices are local (the mirror and the change feed), so
 * they work offline; everything else is the central API's (packages, cards, rules, alerts, history) and says plainly
 * that it needs it when offline. Purchases and transfers move money: their id is made here, written before the first
 * try and reused by every retry until the API answers, so a lost answer can never charge or move twice.
 */
export class WalletService {
  private readonly fresh: string[] = [];

  constructor(private readonly d: WalletServiceDeps) {}

  /** The balance card: the server's view as last pulled, this terminal's pending debits, stale when offline. */
  balance(): WalletBalanceView {
    const view = this.d.ledger.balanceView();
    const sync = this.d.ledger.syncState();
    return {
      currency: view.currency ?? this.d.identity.get()?.currency ?? null,
      serverBalance: view.serverBalance,
      pendingDebits: view.pendingDebits,
      pendingCount: view.pendingCount,
      available: view.serverBalance === null ? null : view.available,
      lastSyncAt: sync.lastSyncAt,
      stale: !sync.lastContactOnline,
    };
  }

  /** A page of the credit account's movements, filtered. */
  async history(
    filter: WalletHistoryFilter,
    before: string | null,
    limit: number,
  ): Promise<WalletHistoryPage> {
    const page = await this.online('The wallet history', (w) => w.journal(filter, before, limit));
    return {
      items: page.entries.map((e) => ({
        entryId: e.entryId,
        kind: e.kind,
        memo: e.memo,
        amount: e.amount,
        currency: e.currency,
        createdAt: e.createdAt,
      })),
      next: page.hasMore ? page.cursor : null,
    };
  }

  /** One piece of the filtered history's CSV (one server page): the caller asks again with `next`. */
  async historyCsv(filter: WalletHistoryFilter, cursor: string | null): Promise<WalletHistoryCsvPiece> {
    const page = await this.online('Exporting the wallet history', (w) =>
      w.journal(filter, cursor, CSV_PAGE),
    );
    const lines = walletCsvLines(page.entries);
    return {
      csv: cursor === null ? walletCsvHeader() + lines : lines,
      rows: page.entries.length,
      next: page.hasMore ? page.cursor : null,
    };
  }

  /** Active credit packages and a purchase still waiting for its answer. */
  async packages(): Promise<WalletPackages> {
    const all = await this.online('The credit packages', (w) => w.packages());
    const waiting = this.d.requests.waiting('purchase');
    return {
      packages: all.filter((p) => p.active),
      pendingPurchase: waiting
        ? { purchaseId: waiting.id, packageId: String(waiting.payload.packageId) }
        : null,
    };
  }

  /** Buys a package with the saved card, exactly once (see the class comment). */
  async buyPackage(packageId: string, clerkId: string): Promise<Purchase> {
    const id = this.requestId('purchase', { packageId: packageId.toLowerCase() }, clerkId, () => {
      throw new AppError(
        'purchase_pending',
        'An earlier purchase has no answer from the central API yet: buy that package again to finish it (it is never charged twice).',
      );
    });
    return this.send(id, 'Buying credits', (w) => w.buy(id, packageId));
  }

  /** Moves credits to an affiliate, exactly once. */
  async transfer(toResellerId: string, amount: number, clerkId: string): Promise<CreditTransfer> {
    const payload = { toResellerId: toResellerId.toLowerCase(), amount };
    const id = this.requestId('transfer', payload, clerkId, () => {
      throw new AppError(
        'transfer_pending',
        'An earlier transfer has no answer from the central API yet: send that one again to finish it (it never moves twice).',
      );
    });
    return this.send(
      id,
      'Moving credits',
      (w) => w.transfer(id, toResellerId, amount),
      (t) => {
        // The lower balance counts at once (the offline rule must never count on credits moved away), as a push's
        // answer does; the pull that follows may fail.
        if (t.balanceSeq !== undefined)
          this.d.ledger.applyOutcomes([], [], {
            currency: t.currency,
            balance: t.balanceAfter,
            seq: t.balanceSeq,
          });
      },
    );
  }

  /** Calls a wallet route of the central API, or says plainly that `what` needs it. */
  online<T>(what: string, call: (w: WalletApiClient) => Promise<T>): Promise<T> {
    return onlineCall(this.d.api, what, (api) => call(new WalletApiClient(api)));
  }

  /** Notices received, newest first. */
  notices(limit: number): WalletNoticeItem[] {
    return this.d.notices.recent(limit, this.d.identity.get()?.resellerId ?? '');
  }

  /**
   * Stores a notice from the change feed (inside the pull's transaction) once; a new one is announced after the
   * transaction committed, and only if it did (a rolled-back pull brings it again).
   */
  receiveNotice(notice: WalletNotice, seq: string): void {
    if (!this.d.notices.add(notice, seq, new Date(this.d.clock()).toISOString())) return;
    this.fresh.push(notice.noticeId);
    if (this.fresh.length === 1) setImmediate(() => this.announce());
  }

  private announce(): void {
    const ids = this.fresh.splice(0);
    const resellerId = this.d.identity.get()?.resellerId ?? '';
    for (const id of ids) {
      const item = this.d.notices.get(id, resellerId);
      if (item) this.d.onNotice(item);
    }
  }

  /** The id of the request to send: the waiting one when it asked the same, a new one when none waits. */
  private requestId(
    kind: WalletRequestKind,
    payload: Record<string, unknown>,
    clerkId: string,
    otherWaiting: () => never,
  ): string {
    const waiting = this.d.requests.waiting(kind);
    if (waiting) {
      if (JSON.stringify(waiting.payload) !== JSON.stringify(payload)) otherWaiting();
      return waiting.id;
    }
    if (!this.d.api()) throw notEnrolled();
    const id = uuidv7(this.d.clock());
    this.d.requests.request({ id, kind, payload, clerkId, at: new Date(this.d.clock()).toISOString() });
    return id;
  }

  /**
   * Sends a purchase or transfer and records the answer. Only a refusal by the central API itself forgets the id
   * (nothing happened there); anything else keeps it, so the next try reuses it.
   */
  private async send<T>(
    id: string,
    what: string,
    call: (w: WalletApiClient) => Promise<T>,
    store: (answer: T) => void = () => undefined,
  ): Promise<T> {
    const api = this.d.api();
    if (!api) throw notEnrolled();
    let answer: T;
    try {
      answer = await call(new WalletApiClient(api));
    } catch (err) {
      if (err instanceof ApiClientError && err.fromApi && err.kind === 'client') {
        this.d.requests.drop(id);
        throw err;
      }
      if (err instanceof ApiClientError)
        throw new AppError(
          'offline',
          `${what} needs the central API, which did not answer. Try again when online: the same request is finished, never twice.`,
        );
      throw err;
    }
    this.d.requests.answer(id, answer, new Date(this.d.clock()).toISOString());
    store(answer);
    await this.d.syncNow().catch(() => undefined);
    return answer;
  }
}
