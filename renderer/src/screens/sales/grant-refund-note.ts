import type { SaleGrantState } from '../../../../core/contract/types/sale-grant';
import type { Catalog } from '../../../../core/i18n/catalog';

/**
 * Why the customer's grant already rules a refund out, in the words the refund rule uses, or null when it does not
 * (or is not known yet): the Sales details say it before a manager tries.
 */
export function grantRefundNote(grant: SaleGrantState | null, m: Catalog): string | null {
  if (!grant) return null;
  if (grant.expired) return m.sales.refund.grantExpired;
  if (grant.used === true) return m.sales.refund.grantUsed;
  return null;
}
