/** One package's inventory stock as this terminal sees it (`stock.levels`). */
export interface StockItem {
  readonly packageId: string;
  readonly packageName: string;
  readonly packageCode: string;
  /** Every unit the shop bought of the package (all terminals). */
  readonly bought: number;
  /** Units bought and not allocated to any terminal. */
  readonly unallocated: number;
  /** Allocated to this terminal so far (running total, as the server last said). */
  readonly allocated: number;
  /** Given back by this terminal (its own releases, pending ones included). */
  readonly released: number;
  /** Sold from stock at this terminal (not yet synced ones included; reversed ones left out). */
  readonly sold: number;
  /** What this terminal may still sell: allocated - released - sold. */
  readonly left: number;
  /** At or below the low-stock threshold (and above 0). */
  readonly low: boolean;
}

/** The Stock view and the Sell screen's badges (`stock.levels`). */
export interface StockOverview {
  /** At or below this many units left, the Sell screen warns. */
  readonly lowThreshold: number;
  readonly items: readonly StockItem[];
}

/** A stock purchase done (`stock.purchase`). */
export interface StockPurchaseResult {
  readonly purchaseId: string;
  readonly packageId: string;
  readonly quantity: number;
  /** Credits debited (wholesale price x quantity), minor units. */
  readonly wholesaleAmount: number;
  readonly currency: string;
  readonly resellerBalance: number;
  readonly item: StockItem;
}
