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
