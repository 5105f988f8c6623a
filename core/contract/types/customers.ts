/** A customer as the central API knows them (`customers.lookup`); null from the method when unknown. */
export interface CustomerInfo {
  readonly account: string;
  readonly name: string | null;
  /** ISO time (UTC) of the customer's last top-up, or null. */
  readonly lastTopUpAt: string | null;
  /** Wallet balance in minor units of `currency`. */
  readonly walletBalance: number;
  readonly currency: string | null;
}
