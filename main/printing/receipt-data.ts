import type { Money } from '../../core/money/money';

/** Thermal roll widths we print on. */
export type ReceiptPaper = '58mm' | '80mm';

/** Whether the sale was acknowledged by the server before printing, or is waiting in the outbox. */
export type ReceiptStatus = 'confirmed' | 'queued';

/** One sold package on a receipt. */
export interface ReceiptLine {
  /** Package name as sold; long names wrap. */
  readonly packageName: string;
  /** Positive integer count. */
  readonly quantity: number;
  readonly unitPrice: Money;
  /** Line amount (unit price x quantity, after any discount); printed as given. */
  readonly amount: Money;
  /** Customer account number (e.g. a phone number); printed masked, only its last 4 characters shown. */
  readonly customerAccount?: string;
}

/** Everything a sale receipt shows; built by the sales service after the sale committed. */
export interface ReceiptData {
  readonly shopName: string;
  readonly shopAddress?: string;
  readonly terminalName: string;
  readonly clerkName: string;
  /** When the sale was made; printed in the machine's local time. */
  readonly time: Date;
  /** Terminal-prefixed sale number (e.g. "T7K2-000123"); printed and barcoded. */
  readonly saleNumber: string;
  readonly lines: readonly ReceiptLine[];
  readonly total: Money;
  /** Cash the customer handed over, only when the clerk entered it (never made up from the total). */
  readonly tendered?: Money;
  /** Change given, printed with `tendered`. */
  readonly change?: Money;
  readonly status: ReceiptStatus;
  /** Free text at the bottom (thanks, support phone); wraps. */
  readonly footer?: string;
  /**
   * Set on a refund receipt: its own number and time. The receipt then says REFUND, names the original sale (whose
   * number stays barcoded) and prints the total as the cash handed back.
   */
  readonly refund?: { readonly refundNumber: string; readonly time: Date };
  /** Set on a printer test page: the status line says PRINTER TEST instead of a sale's status. */
  readonly testPage?: true;
}
