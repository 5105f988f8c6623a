import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { Clock } from '../ledger/ledger-types';
import type { SaleOutcomeStore } from './sale-outcome-store';

/** What the outcome handlers need. */
export interface OutcomeHandlerDeps {
  readonly outcomes: SaleOutcomeStore;
  readonly session: SessionManager;
  readonly clock: Clock;
}

/**
 * Handlers for sales whose outcome the clerk may not have seen: the Sell screen's acknowledgement, the list shown
 * after a restart, and marking one dealt with (signed-in clerk required for each).
 */
export function createOutcomeHandlers(
  d: OutcomeHandlerDeps,
): HandlerSlice<'sales.outcomeShown' | 'sales.outcomesNotShown' | 'sales.outcomeDealtWith'> {
  const now = (): string => new Date(d.clock()).toISOString();
  return {
    'sales.outcomeShown': ({ saleId, outcome }) => {
      const clerk = d.session.requireClerk();
      return { shownAt: d.outcomes.markShown(saleId, outcome, clerk.id, now()) };
    },
    'sales.outcomesNotShown': ({ limit }) => {
      d.session.requireClerk();
      return d.outcomes.notShown(limit);
    },
    'sales.outcomeDealtWith': ({ saleId }) => {
      const clerk = d.session.requireClerk();
      return { dealtWithAt: d.outcomes.markDealtWith(saleId, clerk.id, now()) };
    },
  };
}
