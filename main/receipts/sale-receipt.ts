import type { SaleListItem } from '../../core/contract/types/sales';
import type { TerminalSettings } from '../../core/contract/types/settings';
import type { TerminalInfo } from '../../core/contract/types/terminal';
import { money } from '../../core/money/money';
import type { ReceiptData, ReceiptStatus } from '../printing/receipt-data';

/** The receipt status line for a printable local status. */
function receiptStatus(sale: SaleListItem): ReceiptStatus {
  return sale.status === 'queued' ? 'queued' : 'confirmed';
}

/**
 * Builds what the receipt shows from the committed sale, the terminal identity and the settings: shop name from
 * the settings or the reseller's name, the selling clerk, one line per sale, tendered = total when not given.
 */
export function saleReceiptData(
  sale: SaleListItem,
  terminal: TerminalInfo,
  settings: TerminalSettings,
): ReceiptData {
  const total = money(sale.retailAmount, sale.currency);
  const tendered = money(sale.tenderedAmount ?? sale.retailAmount, sale.currency);
  const change = money(sale.changeAmount ?? tendered.amount - total.amount, sale.currency);
  return {
    shopName: settings.shopName ?? terminal.resellerName,
    ...(settings.shopAddress ? { shopAddress: settings.shopAddress } : {}),
    terminalName: terminal.terminalName,
    clerkName: sale.clerkName ?? '-',
    time: new Date(sale.createdAt),
    saleNumber: sale.saleNumber,
    lines: [
      {
        packageName: sale.packageName,
        quantity: sale.quantity,
        unitPrice: money(sale.retailAmount / sale.quantity, sale.currency),
        amount: total,
        customerAccount: sale.customerAccount,
      },
    ],
    total,
    tendered,
    change,
    status: receiptStatus(sale),
  };
}

/** The file name a receipt is saved or downloaded as. */
export function receiptFileName(saleNumber: string, copy: boolean): string {
  return `receipt-${saleNumber}${copy ? '-copy' : ''}.pdf`;
}
