/** A rendered sale receipt (`receipts.render`). */
export interface RenderedReceipt {
  /** The PDF, base64-encoded (a few kilobytes). */
  readonly pdfBase64: string;
  /** A file name to save or download it as ("receipt-T7K2-000123.pdf"). */
  readonly fileName: string;
  /** True for every render or print after the first: the receipt carries COPY banners. */
  readonly copy: boolean;
  /** Renders and prints of this sale's receipt so far, this one included. */
  readonly printCount: number;
}

/** A receipt sent to the configured printer (`receipts.print`). */
export interface PrintedReceipt {
  readonly printer: string;
  /** The print queue's job id, or null where the spooler does not tell. */
  readonly jobId: string | null;
  readonly copy: boolean;
}

/** A printer the operating system offers (`printers.list`). */
export interface PrinterListItem {
  readonly name: string;
  readonly isDefault: boolean;
}
