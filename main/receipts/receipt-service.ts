import { AppError } from '../../core/app-error';
import type { PrintedReceipt, RenderedReceipt } from '../../core/contract/types/receipts';
import type { PaperWidth } from '../../core/contract/types/settings';
import type { SaleListItem } from '../../core/contract/types/sales';
import { isPrintable } from '../../core/sales/sale-view';
import { money } from '../../core/money/money';
import { uuidv7 } from '../../core/uuidv7';
import type { Clock } from '../ledger/ledger-types';
import type { PrintQueue } from '../printing/print-queue';
import { printLocalization } from '../printing/print-localization';
import { renderReceiptPdf } from '../printing/receipt-pdf';
import type { SaleQueries } from '../sales/sale-queries';
import type { SettingsStore } from '../settings/terminal-settings';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import type { ReceiptPrintStore } from './receipt-print-store';
import { receiptFileName, receiptFrame, refundReceiptData, saleReceiptData } from './sale-receipt';

/** What the receipt service needs. */
export interface ReceiptDeps {
  readonly sales: SaleQueries;
  readonly prints: ReceiptPrintStore;
  readonly identity: TerminalIdentityStore;
  readonly settings: SettingsStore;
  readonly printQueue: PrintQueue;
  readonly clock: Clock;
  /** The refund done for a sale, or null (refund receipts). */
  readonly refundOf: (saleId: string) => RefundForReceipt | null;
  /** A clerk's name by id (who handed the cash back). */
  readonly clerkName: (clerkId: string) => string | null;
}

/** What a refund receipt needs of a refund done. */
export interface RefundForReceipt {
  readonly refundNumber: string;
  readonly refundedAt: string;
  readonly cashBack: number;
  readonly clerkId: string;
}

/**
 * Sale receipts: rendered from the committed sale only ("persist before print"), the first one the original and
 * every later one a COPY, each render and print recorded in `receipt_prints`. Work on one sale is serialised so
 * two quick clicks cannot both print an "original".
 */
export class ReceiptService {
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: ReceiptDeps) {}

  /** Renders the receipt PDF (for display, saving or download) and records it. */
  render(saleId: string, paper: PaperWidth | undefined, clerkId: string | null): Promise<RenderedReceipt> {
    return this.serial(saleId, async () => {
      const sale = this.printable(saleId);
      const copy = sale.printCount > 0;
      const pdf = await this.pdf(sale, paper ?? this.deps.settings.get().paperWidth, copy);
      this.record(sale.id, clerkId, copy, 'pdf', null, null);
      return {
        pdfBase64: pdf.toString('base64'),
        fileName: receiptFileName(sale.saleNumber, copy),
        copy,
        printCount: sale.printCount + 1,
      };
    });
  }

  /** Prints the receipt on the configured printer and records it. Errors: no_printer, print_* from the queue. */
  print(saleId: string, clerkId: string | null): Promise<PrintedReceipt> {
    return this.serial(saleId, async () => {
      const settings = this.deps.settings.get();
      const sale = this.printable(saleId);
      if (!settings.printerName) {
        throw new AppError('no_printer', printLocalization(settings).m.receipt.noPrinter);
      }
      const copy = sale.printCount > 0;
      const pdf = await this.pdf(sale, settings.paperWidth, copy);
      const job = await this.deps.printQueue.printPdf(pdf, {
        printer: settings.printerName,
        title: `Receipt ${sale.saleNumber}${copy ? ' COPY' : ''}`,
      });
      this.record(sale.id, clerkId, copy, 'printer', job.printer, job.jobId);
      return { printer: job.printer, jobId: job.jobId, copy };
    });
  }

  /**
   * Renders the refund receipt of a refunded sale (for saving or printing at the counter): its own number, the
   * original sale's number and barcode, the cash handed back. Errors: not_found (no refund done for this sale).
   */
  renderRefund(
    saleId: string,
    paper: PaperWidth | undefined,
    clerkId: string | null = null,
  ): Promise<RenderedReceipt> {
    return this.serial(saleId, async () => {
      const settings = this.deps.settings.get();
      const l10n = printLocalization(settings);
      const refund = this.deps.refundOf(saleId.toLowerCase());
      if (!refund) throw new AppError('not_found', l10n.m.receipt.noRefund);
      const sale = this.deps.sales.get(saleId);
      const data = refundReceiptData(
        sale,
        refund,
        this.deps.clerkName(refund.clerkId) ?? '-',
        this.deps.identity.require(),
        settings,
      );
      // Audited like sale receipts (its own kind): the first render is the original, every later one a COPY.
      const rendered = this.deps.prints.count(sale.id, 'refund');
      const copy = rendered > 0;
      const pdf = await renderReceiptPdf(data, { paper: paper ?? settings.paperWidth, copy, l10n });
      this.record(sale.id, clerkId, copy, 'pdf', null, null, 'refund');
      return {
        pdfBase64: pdf.toString('base64'),
        fileName: `refund-${refund.refundNumber}${copy ? '-copy' : ''}.pdf`,
        copy,
        printCount: rendered + 1,
      };
    });
  }

  /**
   * Prints a test page on the configured printer: the shop's header and footer, the paper width, a barcode of the
   * page's own number, and "PRINTER TEST - NOT A SALE". Nothing is recorded as a receipt. Errors: no_printer, print_*.
   */
  async printTestPage(clerkName: string): Promise<PrintedReceipt & { readonly testNumber: string }> {
    const settings = this.deps.settings.get();
    const l10n = printLocalization(settings);
    if (!settings.printerName) throw new AppError('no_printer', l10n.m.receipt.noPrinter);
    const terminal = this.deps.identity.require();
    const now = new Date(this.deps.clock());
    const testNumber = `TEST-${now.toISOString().replace(/\D/g, '').slice(2, 14)}`;
    const zero = money(0, terminal.currency);
    const pdf = await renderReceiptPdf(
      {
        ...receiptFrame(terminal, settings),
        clerkName,
        time: now,
        saleNumber: testNumber,
        lines: [
          {
            packageName: l10n.m.receipt.testPageLine({ paper: settings.paperWidth }),
            quantity: 1,
            unitPrice: zero,
            amount: zero,
          },
        ],
        total: zero,
        status: 'confirmed',
        testPage: true,
      },
      { paper: settings.paperWidth, copy: false, l10n },
    );
    const job = await this.deps.printQueue.printPdf(pdf, {
      printer: settings.printerName,
      title: `Printer test ${testNumber}`,
    });
    return { printer: job.printer, jobId: job.jobId, copy: false, testNumber };
  }

  private printable(saleId: string): SaleListItem {
    const sale = this.deps.sales.get(saleId);
    if (!isPrintable(sale.status)) {
      const t = printLocalization(this.deps.settings.get()).m.receipt;
      throw new AppError('not_printable', sale.status === 'pending' ? t.stillPending : t.notCompleted, {
        status: sale.status,
      });
    }
    return sale;
  }

  private pdf(sale: SaleListItem, paper: PaperWidth, copy: boolean): Promise<Buffer> {
    const settings = this.deps.settings.get();
    const data = saleReceiptData(sale, this.deps.identity.require(), settings);
    return renderReceiptPdf(data, { paper, copy, l10n: printLocalization(settings) });
  }

  private record(
    saleId: string,
    clerkId: string | null,
    copy: boolean,
    target: 'pdf' | 'printer',
    printerName: string | null,
    jobId: string | null,
    kind: 'sale' | 'refund' = 'sale',
  ): void {
    const now = this.deps.clock();
    this.deps.prints.insert({
      id: uuidv7(now),
      saleId,
      printedAt: new Date(now).toISOString(),
      clerkId,
      copy,
      target,
      printerName,
      jobId,
      kind,
    });
  }

  /** Runs `fn` after any earlier work on the same sale finished. */
  private serial<T>(saleId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.busy.get(saleId) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.busy.set(saleId, tail);
    void tail.then(() => {
      if (this.busy.get(saleId) === tail) this.busy.delete(saleId);
    });
    return run;
  }
}
