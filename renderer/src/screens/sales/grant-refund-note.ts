import type { SaleGrantState } from '../../../../core/contract/types/sale-grant';

/**
 * Why the customer's grant already rules a refund out, in the words the refund rule uses, or null when it does not
 * (or is not known yet): the Sales details say it before a manager tries.
 */
export function grantRefundNote(grant: SaleGrantState | null): string | null {
  if (!grant) return null;
  if (grant.expired) return 'Expired: the package is no longer valid, so it is not refundable.';
  if (grant.used === true)
    return 'Used: the customer has spent part of this package, so it is not refundable.';
  return null;
}
