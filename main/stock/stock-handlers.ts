import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { StockService } from './stock-service';

/** Inventory stock: levels and selling for every clerk; buying, giving back, allocating and the threshold for managers. */
export function createStockHandlers(
  stock: StockService,
  session: SessionManager,
): HandlerSlice<
  | 'stock.levels'
  | 'stock.sell'
  | 'stock.purchase'
  | 'stock.release'
  | 'stock.allocate'
  | 'stock.setLowThreshold'
> {
  return {
    'stock.levels': () => {
      session.requireClerk();
      return stock.overview();
    },
    'stock.sell': (input) => {
      const clerk = session.requireClerk();
      return stock.sell(input, clerk.id);
    },
    'stock.purchase': ({ packageId, quantity, purchaseId }) => {
      session.requireClerk('manager');
      return stock.purchase(packageId, quantity, purchaseId);
    },
    'stock.release': ({ packageId, quantity }) => {
      const clerk = session.requireClerk('manager');
      return stock.release(packageId, quantity, clerk.id);
    },
    'stock.allocate': ({ packageId, terminalId, quantity, allocationId }) => {
      session.requireClerk('manager');
      return stock.allocate(packageId, terminalId, quantity, allocationId);
    },
    'stock.setLowThreshold': ({ threshold }) => {
      session.requireClerk('manager');
      return stock.setLowThreshold(threshold);
    },
  };
}
