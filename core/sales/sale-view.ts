import type { LocalSaleStatus, SaleBusinessStatus, SaleSyncState } from '../contract/types/sales';

/** Local statuses per sync state (the Sales screen's filter). */
export const SYNC_STATE_STATUSES: Readonly<Record<SaleSyncState, readonly LocalSaleStatus[]>> = {
  synced: ['confirmed', 'confirmed_after_refusal'],
  queued: ['pending', 'queued', 'in_doubt'],
  rejected: ['reversed'],
};

/** Where a sale stands with the server, from its local status. */
export function syncStateOf(status: LocalSaleStatus): SaleSyncState {
  switch (status) {
    case 'confirmed':
    case 'confirmed_after_refusal':
      return 'synced';
    case 'pending':
    case 'queued':
    case 'in_doubt':
      return 'queued';
    case 'reversed':
      return 'rejected';
  }
}

/**
 * The business status: `not_sold` when the server rejected the sale (reversed here) or the counter refused it (in
 * doubt: the customer was told it did not go through), else the server's when known (and valid), else `purchased`
 * (a direct top-up).
 */
export function businessStatusOf(status: LocalSaleStatus, serverStatus: string | null): SaleBusinessStatus {
  if (status === 'reversed' || status === 'in_doubt') return 'not_sold';
  return serverStatus === 'refunded' || serverStatus === 'activated' ? serverStatus : 'purchased';
}

/** Local statuses of sales that did not go through (the `not_sold` business status). */
export const NOT_SOLD_STATUSES: readonly LocalSaleStatus[] = ['reversed', 'in_doubt'];

/** True when the sale counts in totals: not reversed by the server and not refused at the counter. */
export function countsInTotals(status: LocalSaleStatus): boolean {
  return status !== 'reversed' && status !== 'in_doubt';
}

/**
 * True when a receipt may be printed ("persist before print"): the sale committed and was confirmed by the
 * server or honoured offline. Never for pending, reversed or refused (in-doubt) sales.
 */
export function isPrintable(status: LocalSaleStatus): boolean {
  return status === 'confirmed' || status === 'queued' || status === 'confirmed_after_refusal';
}
