import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { RefundService } from './refund-service';

/** The Sales screen's refund (a manager's, online). */
export function createRefundHandlers(
  refunds: RefundService,
  session: SessionManager,
): HandlerSlice<'sales.refund' | 'sales.refundAllowance'> {
  return {
    'sales.refund': ({ saleId }) => {
      const clerk = session.requireClerk('manager');
      return refunds.refund(saleId, clerk.id);
    },
    'sales.refundAllowance': () => {
      session.requireClerk();
      return refunds.allowance();
    },
  };
}
