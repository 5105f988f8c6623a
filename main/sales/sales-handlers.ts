import { computeSalesTotals, localDayStart, type TotalsRefund } from '../../core/sales/daily-totals';
import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { Clock } from '../ledger/ledger-types';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import { lookupCustomer, type CustomerLookupDeps } from './customer-lookup';
import type { SaleQueries } from './sale-queries';
import type { SaleStore } from './sale-store';
import type { SalesService } from './sales-service';

/** What the Sell and Sales screens' handlers need. */
export interface SalesHandlerDeps {
  readonly sales: SalesService;
  readonly store: SaleStore;
  readonly queries: SaleQueries;
  readonly identity: TerminalIdentityStore;
  readonly session: SessionManager;
  readonly customers: CustomerLookupDeps;
  readonly clock: Clock;
  /** Refunds done since an instant (the day's and the shift's cash handed back). */
  readonly refundsSince: (sinceIso: string) => readonly TotalsRefund[];
}

/** Handlers for the Sell and Sales screens (signed-in clerk required for each). */
export function createSalesHandlers(
  d: SalesHandlerDeps,
): HandlerSlice<
  'catalog.packages' | 'sales.create' | 'customers.lookup' | 'sales.list' | 'sales.get' | 'sales.totals'
> {
  const { session } = d;
  return {
    'catalog.packages': () => {
      session.requireClerk();
      return d.store.activePackages(d.identity.require().currency);
    },
    'sales.create': (input) => {
      const clerk = session.requireClerk();
      return d.sales.createSale(input, clerk.id);
    },
    'customers.lookup': ({ account }) => {
      session.requireClerk();
      return lookupCustomer(d.customers, account);
    },
    'sales.list': (filter) => {
      session.requireClerk();
      return d.queries.list(filter);
    },
    'sales.get': ({ saleId }) => {
      session.requireClerk();
      return d.queries.get(saleId);
    },
    'sales.totals': () => {
      session.requireClerk();
      const dayStart = localDayStart(new Date(d.clock())).toISOString();
      const current = session.currentSession();
      const shift = current
        ? { clerkId: current.clerkId, since: new Date(current.startedAt).toISOString() }
        : null;
      const since = shift && shift.since < dayStart ? shift.since : dayStart;
      return computeSalesTotals(
        d.queries.salesSince(since),
        { currency: d.identity.get()?.currency ?? null, dayStart, shift },
        d.refundsSince(since),
      );
    },
  };
}
