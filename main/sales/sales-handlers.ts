import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import type { SaleStore } from './sale-store';
import type { SalesService } from './sales-service';

/** Handlers for the Sell screen: the catalog mirror and creating a sale (signed-in clerk required). */
export function createSalesHandlers(
  sales: SalesService,
  store: SaleStore,
  identity: TerminalIdentityStore,
  session: SessionManager,
): HandlerSlice<'catalog.packages' | 'sales.create'> {
  return {
    'catalog.packages': () => {
      session.requireClerk();
      return store.activePackages(identity.require().currency);
    },
    'sales.create': (input) => {
      const clerk = session.requireClerk();
      return sales.createSale(input, clerk.id);
    },
  };
}
