import type { CreditPackage, PaymentMethod, Purchase } from '../../wallet/wallet-api';
import type { WalletNotice } from '../../sync/protocol';

/** The Wallet screen's balance card (`wallet.balance`): works offline from the local mirror. */
export interface WalletBalanceView {
  readonly currency: string | null;
  /** The reseller's balance as the central API last told this terminal (null before the first pull). */
  readonly serverBalance: number | null;
  /** Debits of this terminal's commands the server has not applied yet (the outbox). */
  readonly pendingDebits: number;
  /** Commands waiting in the outbox. */
  readonly pendingCount: number;
  /** serverBalance - pendingDebits: what this terminal may still spend. */
  readonly available: number | null;
  /** The last successful sync (ISO, UTC), or null. */
  readonly lastSyncAt: string | null;
  /** True when the last contact with the central API failed: the server view may be out of date. */
  readonly stale: boolean;
}

/** One movement of the reseller's credit account (newest first in `wallet.history`). */
export interface WalletHistoryItem {
  readonly entryId: string;
  /** The journal entry's kind (sale, sale_refund, credit_purchase, ...). */
  readonly kind: string;
  readonly memo: string | null;
  /** Signed minor units: a credit is positive, a debit negative. */
  readonly amount: number;
  readonly currency: string;
  readonly createdAt: string;
}

/** A page of `wallet.history`; pass `next` as `before` for the following one. */
export interface WalletHistoryPage {
  readonly items: readonly WalletHistoryItem[];
  readonly next: string | null;
}

/** A piece of the history's CSV (`wallet.historyCsv`): the first carries the header; ask again with `next`. */
export interface WalletHistoryCsvPiece {
  readonly csv: string;
  readonly rows: number;
  /** The cursor of the next piece, or null when this was the last. */
  readonly next: string | null;
}

/** `wallet.packages`: the credit packages on sale, and a purchase still waiting for its answer (if any). */
export interface WalletPackages {
  readonly packages: readonly CreditPackage[];
  /** A purchase asked for whose answer never came: buying its package again finishes it (never charged twice). */
  readonly pendingPurchase: { readonly purchaseId: string; readonly packageId: string } | null;
}

/** The outcome of `wallet.buyPackage`: the purchase as the central API answered it. */
export type WalletPurchaseResult = Purchase;

/** The saved card (one per reseller) and whether deleting it turned auto top-up off. */
export interface PaymentMethodDeleted {
  readonly deleted: boolean;
  readonly autoTopUpDisabled: boolean;
}

/** The payment methods of the reseller (at most one today). */
export type PaymentMethods = readonly PaymentMethod[];

/** An affiliate (sub-reseller) the terminal's reseller may move credits to. */
export interface WalletAffiliate {
  readonly resellerId: string;
  readonly name: string;
  readonly currency: string;
  readonly balance: number | null;
}

/** A wallet notice as this terminal stored it from the change feed. */
export interface WalletNoticeItem extends WalletNotice {
  /** When this terminal pulled it (ISO, UTC). */
  readonly receivedAt: string;
}
