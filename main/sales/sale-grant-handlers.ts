import { AppError } from '../../core/app-error';
import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { Clock } from '../ledger/ledger-types';
import type { SaleGrantStore } from './sale-grant-state';

/** The Sales details' grant state of a sale (used, expired), from the change feed. */
export function createSaleGrantHandlers(
  grants: SaleGrantStore,
  session: SessionManager,
  clock: Clock,
): HandlerSlice<'sales.grantState'> {
  return {
    'sales.grantState': ({ saleId }) => {
      session.requireClerk();
      const state = grants.get(saleId.toLowerCase(), clock());
      if (!state) throw new AppError('not_found', 'No such sale on this terminal.');
      return state;
    },
  };
}
