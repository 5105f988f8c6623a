import { useEffect } from 'react';
import type { SaleCreateOutcome } from '../../../../core/contract/types/sales';
import { call } from '../../contract/contract-client';

/**
 * Tells main the clerk saw a sale's outcome, once it is on screen (effects run after the render is committed). A
 * sale never acknowledged is listed as "Outcome not shown" after a restart; a lost acknowledgement only lists a
 * sale the clerk did see, never hides one they did not, so a failure is ignored.
 */
export function useAcknowledgeOutcome(result: SaleCreateOutcome): void {
  useEffect(() => {
    if (!result.sale) return;
    call('sales.outcomeShown', { saleId: result.sale.id, outcome: result.outcome }).catch(() => undefined);
  }, [result]);
}
