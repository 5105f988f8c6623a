import type { Database } from '../db/database';
import type { PaymentProvider } from '../psp/payment-provider';

/** What the wallet's services are built from: the database, the payment provider and a clock (tests inject it). */
export interface WalletDeps {
  readonly db: Database;
  readonly psp: PaymentProvider;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}
