import type { RejectReason } from '../../sync/protocol';
import type { OfflineRefusal } from '../../offline/floor-limit';

/**
 * A sale's local status: `pending` (written, waiting for the online answer), `queued` (honoured offline, will
 * sync), `confirmed` (server applied), `reversed` (server rejected; compensated locally), `in_doubt` (no answer
 * in time and over the offline rules: refused at the counter, still in the outbox because it may have reached
 * the server), `confirmed_after_refusal` (an in-doubt sale the server did apply: needs the manager's attention).
 */
export type LocalSaleStatus =
  'pending' | 'queued' | 'confirmed' | 'reversed' | 'in_doubt' | 'confirmed_after_refusal';

/** A sale as committed on this terminal. Amounts are minor units of `currency`. */
export interface SaleRecord {
  readonly id: string;
  /** Terminal-prefixed number printed on the receipt ("T7K2-000123"). */
  readonly saleNumber: string;
  readonly commandId: string;
  readonly packageId: string;
  readonly packageName: string;
  readonly customerAccount: string;
  readonly quantity: number;
  readonly currency: string;
  readonly retailAmount: number;
  readonly wholesaleAmount: number;
  readonly tenderedAmount: number | null;
  readonly changeAmount: number | null;
  readonly clerkId: string | null;
  readonly createdAt: string;
  readonly status: LocalSaleStatus;
  /** The server's sale status from the change feed (purchased, refunded, activated), or null. */
  readonly serverStatus: string | null;
  readonly reason: string | null;
  readonly message: string | null;
  /** Sold from this terminal's inventory stock (`stock.sell`): activated, not refundable here. */
  readonly fromStock?: boolean;
}

/**
 * What `sales.create` answers. Print a receipt only for `confirmed` and `queued`. `rejected`: the server refused
 * it and it was reversed locally. `refused`: the offline rules refused it (`sale` is null when nothing was
 * written, or the in-doubt sale when an online attempt got no answer in time).
 */
export type SaleCreateOutcome =
  | { readonly outcome: 'confirmed'; readonly sale: SaleRecord }
  | { readonly outcome: 'queued'; readonly sale: SaleRecord }
  | {
      readonly outcome: 'rejected';
      readonly sale: SaleRecord;
      readonly reason: RejectReason;
      readonly message: string;
    }
  | {
      readonly outcome: 'refused';
      readonly sale: SaleRecord | null;
      readonly reason: OfflineRefusal;
      readonly message: string;
    };

/**
 * A sale's business status: `not_sold` when the server rejected it or the counter refused it, else the server's when
 * known, else `purchased` for a direct top-up.
 */
export type SaleBusinessStatus = 'purchased' | 'refunded' | 'activated' | 'not_sold';

/**
 * Where a sale stands with the server: `synced` (confirmed, confirmed_after_refusal), `queued` (pending, queued,
 * in_doubt: still in the outbox) or `rejected` (reversed).
 */
export type SaleSyncState = 'synced' | 'queued' | 'rejected';

/** One row of the Sales screen (`sales.list`, `sales.get`). */
export type SaleListItem = SaleRecord & {
  /** The selling clerk's name, or null when unknown. */
  readonly clerkName: string | null;
  readonly businessStatus: SaleBusinessStatus;
  readonly syncState: SaleSyncState;
  /** How many times a receipt was rendered or printed for this sale. */
  readonly printCount: number;
};

/** A page of `sales.list`, newest first; pass `next` as `before` for the following page (null: no more). */
export interface SalePage {
  readonly items: readonly SaleListItem[];
  readonly next: string | null;
}

/** Counter totals (`sales.totals`); amounts are minor units of `currency`, reversed and refused sales left out. */
export interface SalesTotals {
  /** The terminal's currency, or null before enrollment. */
  readonly currency: string | null;
  /** Since local midnight (machine time zone); `from` is that instant as a UTC ISO string. */
  readonly today: {
    readonly from: string;
    readonly count: number;
    readonly amount: number;
    /** Refunds done today: how many, and the cash handed back. */
    readonly refunds: { readonly count: number; readonly amount: number };
  };
  /**
   * The signed-in clerk's sales since their session started; cash taken = retail amounts of those sales; cash
   * refunded = what the clerk handed back for refunds in that time.
   */
  readonly shift: {
    readonly clerkId: string | null;
    readonly since: string | null;
    readonly count: number;
    readonly cashTaken: number;
    readonly cashRefunded: number;
  };
}

/** What the Sell screen showed the clerk for a sale: the `outcome` of its `sales.create` answer. */
export type ShownOutcome = SaleCreateOutcome['outcome'];

/**
 * What became of a sale whose outcome no clerk saw: `sold` (the server applied it), `not_sold` (the server rejected
 * it, or it was refused and cancelled; reversed here) or `waiting` (no final answer from the server yet).
 */
export type UnseenSaleOutcome = 'sold' | 'not_sold' | 'waiting';

/** A sale made before the app last restarted whose outcome was never shown to a clerk (`sales.outcomesNotShown`). */
export type OutcomeNotShownItem = SaleListItem & {
  readonly outcome: UnseenSaleOutcome;
  /** True when its receipt may be printed now (it went through, or was honoured offline). */
  readonly printable: boolean;
  /** False while the server has not answered: it can be marked dealt with only once its outcome is final. */
  readonly canMarkDealtWith: boolean;
};

/** The sales that need a look after a restart, newest first (`count` is all of them, `items` at most `limit`). */
export interface OutcomesNotShown {
  readonly count: number;
  readonly items: readonly OutcomeNotShownItem[];
}

/** A refund done (the central API refunded the sale): what the refund receipt and the cash drawer need. */
export interface SaleRefundResult {
  readonly refundId: string;
  /** The refund's own number (RF-000001), printed on the refund receipt. */
  readonly refundNumber: string;
  readonly saleId: string;
  readonly saleNumber: string;
  /** Cash handed back to the customer: the sale's retail amount, minor units. */
  readonly cashBack: number;
  /** Credits the reseller got back (the sale's wholesale cost), minor units. */
  readonly creditsReturned: number;
  readonly currency: string;
  readonly refundedAt: string;
}
