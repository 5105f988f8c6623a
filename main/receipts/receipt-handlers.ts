import { AppError } from '../../core/app-error';
import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { PrintQueue } from '../printing/print-queue';
import type { ReceiptService } from './receipt-service';

/** Print-system errors that mean "no printers here", answered as an empty list. */
const NO_PRINT_SYSTEM = new Set(['print_system_missing', 'print_service_unavailable']);

/** Handlers for receipts and the printer list (signed-in clerk required). */
export function createReceiptHandlers(
  receipts: ReceiptService,
  printQueue: PrintQueue,
  session: SessionManager,
): HandlerSlice<
  'receipts.render' | 'receipts.renderRefund' | 'receipts.print' | 'printers.list' | 'printers.testPage'
> {
  return {
    'receipts.render': ({ saleId, paper }) => {
      const clerk = session.requireClerk();
      return receipts.render(saleId, paper, clerk.id);
    },
    'receipts.renderRefund': ({ saleId, paper }) => {
      const clerk = session.requireClerk();
      return receipts.renderRefund(saleId, paper, clerk.id);
    },
    'receipts.print': ({ saleId }) => {
      const clerk = session.requireClerk();
      return receipts.print(saleId, clerk.id);
    },
    'printers.testPage': () => {
      const clerk = session.requireClerk();
      return receipts.printTestPage(clerk.name);
    },
    'printers.list': async () => {
      session.requireClerk();
      try {
        return await printQueue.listPrinters();
      } catch (err) {
        if (err instanceof AppError && NO_PRINT_SYSTEM.has(err.code)) return [];
        throw err;
      }
    },
  };
}
