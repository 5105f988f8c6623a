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
 * What every receipt of this terminal shows around its lines: the shop's name (the settings' or the reseller's), its
 * address and footer when set, and the terminal's name.
 */
export function receiptFrame(
  terminal: TerminalInfo,
  settings: TerminalSettings,
): Pick<ReceiptData, 'shopName' | 'shopAddress' | 'footer' | 'terminalName'> {
  return {
    shopName: settings.shopName ?? terminal.resellerName,
    ...(settings.shopAddress ? { shopAddress: settings.shopAddress } : {}),
    ...(settings.receiptFooter ? { footer: settings.receiptFooter } : {}),
    terminalName: terminal.terminalName,
  };
}

/**
 * Builds what the receipt shows from the committed sale, the terminal identity and the settings: shop name from
 * the settings or the reseller's name, the selling clerk, one line per sale; cash tendered and change only when the
 * clerk entered the cash (a receipt never invents them).
 */
export function saleReceiptData(
  sale: SaleListItem,
  terminal: TerminalInfo,
  settings: TerminalSettings,
): ReceiptData {
  const total = money(sale.retailAmount, sale.currency);
  const cash =
    sale.tenderedAmount === null
      ? {}
      : {
          tendered: money(sale.tenderedAmount, sale.currency),
          change: money(sale.changeAmount ?? sale.tenderedAmount - sale.retailAmount, sale.currency),
        };
  return {
    ...receiptFrame(terminal, settings),
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
    ...cash,
    status: receiptStatus(sale),
  };
}

/**
 * The refund receipt of a sale: the sale's lines and account, the cash handed back as the total, the refund's own
 * number and time; the original sale's number stays barcoded. No cash tendered or change (nothing was tendered).
 */
export function refundReceiptData(
  sale: SaleListItem,
  refund: { readonly refundNumber: string; readonly refundedAt: string; readonly cashBack: number },
  clerkName: string,
  terminal: TerminalInfo,
  settings: TerminalSettings,
): ReceiptData {
  const { tendered: _tendered, change: _change, ...base } = saleReceiptData(sale, terminal, settings);
  return {
    ...base,
    clerkName,
    total: money(refund.cashBack, sale.currency),
    refund: { refundNumber: refund.refundNumber, time: new Date(refund.refundedAt) },
  };
}

/** The file name a receipt is saved or downloaded as. */
export function receiptFileName(saleNumber: string, copy: boolean): string {
  return `receipt-${saleNumber}${copy ? '-copy' : ''}.pdf`;
}
