import {
  stockAllocationRequestSchema,
  stockAllocationSchema,
  stockLevelsSchema,
  stockPurchaseRequestSchema,
  stockPurchaseSchema,
} from '../../core/stock/stock-schemas';
import { registerZodRoute } from '../http/zod-route';
import { allocateStock, listStock, purchaseStock } from '../stock/stock-purchase';
import type { RouteDeps } from './route-deps';

/**
 * Inventory stock: a terminal's manager buys packages ahead (credits debited at purchase, idempotent by purchaseId)
 * and allocates bought stock to the reseller's terminals; sales from stock and releases of allocation are commands
 * (`stock.sale`, `stock.release`) pushed through sync.
 */
export function registerStockRoutes(d: RouteDeps): void {
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/stock/purchases',
    summary:
      'Buy packages ahead: wholesale price x quantity debited once (idempotent by purchaseId), allocated to a terminal',
    tag: 'terminal',
    auth: 'terminal',
    body: stockPurchaseRequestSchema,
    response: stockPurchaseSchema,
    handler: async ({ body, auth }) => {
      const bought = await purchaseStock(d.db, auth, body);
      d.wallet.afterDebit(auth.resellerId); // committed: the auto top-up rule runs in the background
      return bought;
    },
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'POST',
    url: '/v1/terminal/stock/allocations',
    summary:
      'Allocate bought, unallocated stock of a package to a terminal of this shop (idempotent by allocationId)',
    tag: 'terminal',
    auth: 'terminal',
    body: stockAllocationRequestSchema,
    response: stockAllocationSchema,
    handler: ({ body, auth }) => allocateStock(d.db, auth, body),
  });
  registerZodRoute(d.app, d.authenticate, {
    method: 'GET',
    url: '/v1/terminal/stock',
    summary: "Every package this shop bought ahead, with the calling terminal's allocation",
    tag: 'terminal',
    auth: 'terminal',
    response: stockLevelsSchema,
    handler: ({ auth }) => listStock(d.db, auth),
  });
}
