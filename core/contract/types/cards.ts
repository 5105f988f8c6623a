import type { CardStatus, DeleteCardsResult, EditCardsResult } from '../../cards/card-schemas';

export type { CardStatus, DeleteCardsResult, EditCardsResult };

/**
 * Where a card stands on this terminal beyond its server status: `valid` (the server holds it as shown),
 * `not_yet_valid` (drawn from the PIN reserve offline; its batch waits for the server, it cannot be redeemed yet), or
 * `void_rejected` (its offline batch was rejected: the debit was compensated and the card must never be handed out).
 */
export type CardValidity = 'valid' | 'not_yet_valid' | 'void_rejected';

/** A card as the Cards screen shows it: never its PIN. */
export interface CardRow {
  readonly id: string;
  readonly serial: string;
  readonly seriesId: string;
  readonly ownerId: string;
  /** Face value, minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly status: CardStatus;
  readonly validity: CardValidity;
  readonly expiresAt: string;
  readonly activatedAt: string | null;
  readonly customerId: string | null;
  readonly createdAt: string;
  /** True when this terminal holds the card's PIN (it generated or drew the card): it can reveal and print it. */
  readonly pinHeld: boolean;
}

/** A window of the cards table (`cards.list`), in serial order; `total` counts every card of the filter. */
export interface CardPage {
  readonly rows: readonly CardRow[];
  readonly total: number;
  readonly offset: number;
}

/** A series being generated (`cards.createSeries`), as `cards.seriesJob` and the `cards.seriesProgress` event report it. */
export interface CardSeriesJob {
  readonly jobId: string;
  readonly state: 'running' | 'done' | 'failed';
  /**
   * `minting`: the central API makes the cards; `storing`: this terminal stores their PINs (sealed) and the cards;
   * `drawing`: offline, cards are drawn from the PIN reserve.
   */
  readonly phase: 'minting' | 'storing' | 'drawing';
  readonly done: number;
  readonly total: number;
  /** True when the series was drawn from the reserve offline (its cards are not yet valid until the server accepts it). */
  readonly offline: boolean;
  readonly seriesId: string | null;
  readonly firstSerial: string | null;
  readonly lastSerial: string | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** The PIN reserve: server-minted serial + PIN pairs this terminal holds for offline series. */
export interface CardReserveState {
  /** Pairs ready to draw. */
  readonly free: number;
  /** The size the terminal keeps it at while online (Settings). */
  readonly target: number;
  /** The serial prefix of the reserve's cards (offline series take it), null while empty. */
  readonly prefix: string | null;
  readonly pinLength: number | null;
  readonly lastFilledAt: string | null;
}

/** What a redemption at the counter answered. */
export type RedeemOutcome =
  | {
      readonly status: 'redeemed';
      readonly redemptionId: string;
      readonly serial: string;
      readonly amount: number;
      readonly currency: string;
      /** The customer's wallet balance after the redemption, minor units. */
      readonly walletBalance: number;
    }
  | {
      /** Offline (or no answer in time): queued; the result arrives with sync (`cards.redemptions`). */
      readonly status: 'pending';
      readonly redemptionId: string;
    };

/** A redemption made at this terminal, with what became of it. */
export interface RedemptionItem {
  readonly id: string;
  readonly customerAccount: string;
  readonly state: 'pending' | 'redeemed' | 'failed';
  readonly serial: string | null;
  readonly amount: number | null;
  readonly currency: string | null;
  /** The customer's wallet balance right after the redemption, minor units (redeemed only). */
  readonly walletBalance: number | null;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  /** Why it failed, in words a clerk can say (one generic text for every card failure: no oracle). */
  readonly message: string | null;
}

/** A CSV export of cards (`cards.exportCsv`), with the SHA-256 of its bytes for the manifest. */
export interface CardsCsv {
  readonly filename: string;
  readonly csv: string;
  readonly sha256: string;
  readonly count: number;
  readonly withPins: boolean;
}

/** A voucher sheet being rendered (`cards.printSheet`), as `cards.sheetJob` and the `cards.printProgress` event report it. */
export interface SheetPrintJob {
  readonly jobId: string;
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Cards rendered so far, of `total`. */
  readonly done: number;
  readonly total: number;
  readonly pages: number;
  /** 1 for a first print; 2, 3... for reprints (every card then says COPY). */
  readonly copyNumber: number;
  readonly destination: 'printer' | 'file';
  /** The printer the sheet went to (destination printer, once spooled). */
  readonly printer: string | null;
  /** The PDF's file name (destination file): fetch it with `cards.sheetFile`. */
  readonly fileName: string | null;
  /** PDF size in bytes once rendered. */
  readonly bytes: number | null;
  /** Cards of the selection left out, and why (never printed: activated, expired, void, PIN not held here). */
  readonly skipped: {
    readonly used: number;
    readonly expired: number;
    readonly void: number;
    readonly pinNotHeld: number;
  };
  readonly error: { readonly code: string; readonly message: string } | null;
}
