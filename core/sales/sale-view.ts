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

/** The business status: the server's when known (and valid), else `purchased` (a direct top-up). */
export function businessStatusOf(serverStatus: string | null): SaleBusinessStatus {
  return serverStatus === 'refunded' || serverStatus === 'activated' ? serverStatus : 'purchased';
}

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
