import type { Purchase } from '../../core/wallet/wallet-api';
import { toIso, toIsoOrNull, toMinor } from '../db/sql-values';

/** The columns of `wallet_purchases` that `purchaseFromRow` reads. */
export const PURCHASE_COLUMNS = `id, package_id, source, credits, price, currency, status, decline_code, invoice_id,
  psp_token, psp_key, balance_after, created_at, completed_at`;

/** A `wallet_purchases` row as selected with PURCHASE_COLUMNS. */
export interface PurchaseRow {
  id: string;
  package_id: string | null;
  source: Purchase['source'];
  credits: unknown;
  price: unknown;
  currency: string;
  status: Purchase['status'];
  decline_code: string | null;
  invoice_id: string | null;
  psp_token: string | null;
  /** The provider's idempotency key (`<reseller>:<purchase>`); null on rows made before migration 0019. */
  psp_key: string | null;
  balance_after: unknown;
  created_at: unknown;
  completed_at: unknown;
}

/** A purchase as the API answers it (the provider token stays on the server). */
export function purchaseFromRow(r: PurchaseRow): Purchase {
  return {
    purchaseId: r.id,
    packageId: r.package_id,
    source: r.source,
    credits: toMinor(r.credits),
    price: toMinor(r.price),
    currency: r.currency.trim(),
    status: r.status,
    declineCode: r.decline_code,
    invoiceId: r.invoice_id,
    balanceAfter: r.balance_after === null ? null : toMinor(r.balance_after),
    createdAt: toIso(r.created_at),
    completedAt: toIsoOrNull(r.completed_at),
  };
}
