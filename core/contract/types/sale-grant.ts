/** A sale's customer grant as the change feed last said (`sales.grantState`). */
export interface SaleGrantState {
  /** True once the customer spent any of it (the package is used: not refundable); null until the feed says. */
  readonly used: boolean | null;
  /** When the package expires (UTC ISO), or null (never, or not known yet). */
  readonly expiresAt: string | null;
  /** True when `expiresAt` has passed by this terminal's clock. */
  readonly expired: boolean;
}
