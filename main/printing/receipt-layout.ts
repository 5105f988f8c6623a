import { formatMoney } from '../../core/money/money';
import { maskAccount } from './mask-account';
import {
  formatLocalTime,
  RECEIPT_COPY_TEXT,
  RECEIPT_REFUND_TEXT,
  RECEIPT_REFUNDED_TEXT,
  RECEIPT_TEST_TEXT,
  RECEIPT_STATUS_TEXT,
  type ReceiptData,
  type ReceiptPaper,
} from './receipt-data';
import { wrapText } from './text-wrap';

/** Points per millimetre (1 pt = 1/72 in). */
export const PT_PER_MM = 72 / 25.4;

/** The built-in PDF fonts a receipt uses (no font files to ship). */
export type ReceiptFont = 'Helvetica' | 'Helvetica-Bold';

/** One drawing step of a laid-out receipt; coordinates in points from the top-left of the page. */
export type ReceiptOp =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly x: number;
      readonly y: number;
      readonly font: ReceiptFont;
      readonly size: number;
      readonly color: 'black' | 'white';
    }
  | {
      readonly kind: 'box';
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
      readonly filled: boolean;
    }
  | { readonly kind: 'rule'; readonly x: number; readonly y: number; readonly width: number }
  | {
      readonly kind: 'barcode';
      readonly text: string;
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
    };

/** A receipt placed on a page sized to fit it. */
export interface ReceiptLayout {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly ops: readonly ReceiptOp[];
}

/** Width in points of `text` set in `font` at `size`. */
export type FontMeasure = (text: string, font: ReceiptFont, size: number) => number;

interface PaperSpec {
  readonly widthMm: number;
  /** Printable width of common thermal heads on this roll (58 mm: 48 mm, 80 mm: 72 mm); the rest is margin. */
  readonly printableMm: number;
  readonly body: number;
  readonly small: number;
  readonly title: number;
  readonly total: number;
  readonly banner: number;
  readonly barcodeHeight: number;
}

const PAPER: Readonly<Record<ReceiptPaper, PaperSpec>> = {
  '58mm': {
    widthMm: 58,
    printableMm: 48,
    body: 8,
    small: 7,
    title: 10.5,
    total: 10,
    banner: 14,
    barcodeHeight: 46,
  },
  '80mm': {
    widthMm: 80,
    printableMm: 72,
    body: 9.5,
    small: 8,
    title: 13,
    total: 12,
    banner: 18,
    barcodeHeight: 54,
  },
};

const TOP_MARGIN = 4 * PT_PER_MM;
/** Extra paper at the end so the cutter does not cut through the barcode text. */
const BOTTOM_MARGIN = 8 * PT_PER_MM;
const LINE_HEIGHT = 1.25;

/** Lays out a receipt as drawing steps: pure, so it can be checked without a PDF. */
export function layoutReceipt(
  receipt: ReceiptData,
  paper: ReceiptPaper,
  copy: boolean,
  measure: FontMeasure,
): ReceiptLayout {
  const spec = PAPER[paper];
  const pageWidth = spec.widthMm * PT_PER_MM;
  const left = ((spec.widthMm - spec.printableMm) / 2) * PT_PER_MM;
  const width = spec.printableMm * PT_PER_MM;
  const right = left + width;
  const ops: ReceiptOp[] = [];
  let y = TOP_MARGIN;

  const text = (t: string, x: number, font: ReceiptFont, size: number, color: 'black' | 'white' = 'black') =>
    ops.push({ kind: 'text', text: t, x, y, font, size, color });

  /** Wrapped text, each line aligned left, centred or right within [left, right]. */
  const paragraph = (t: string, font: ReceiptFont, size: number, align: 'left' | 'center' | 'right') => {
    for (const line of wrapText(t, width, (s) => measure(s, font, size))) {
      const w = measure(line, font, size);
      const x = align === 'left' ? left : align === 'center' ? left + (width - w) / 2 : right - w;
      text(line, x, font, size);
      y += size * LINE_HEIGHT;
    }
  };

  /**
   * Label on the left, value on the right. When both do not fit on one line: a text value (`wrapValue`) wraps in
   * the column right of the label; otherwise the label wraps beside the value, or the value drops a line whole
   * (an amount is never split).
   */
  const row = (label: string, value: string, font: ReceiptFont, size: number, wrapValue = false) => {
    const gap = size;
    const fit = (s: string, w: number) => wrapText(s, w, (t) => measure(t, font, size));
    const labelW = measure(label, font, size);
    const valueW = measure(value, font, size);
    const lineHeight = size * LINE_HEIGHT;
    if (wrapValue && labelW + gap + valueW > width && width - labelW - gap >= width * 0.5) {
      text(label, left, font, size);
      for (const line of fit(value, width - labelW - gap)) {
        text(line, right - measure(line, font, size), font, size);
        y += lineHeight;
      }
      return;
    }
    const roomForLabel = width - valueW - gap;
    if (roomForLabel >= width * 0.35) {
      text(value, right - valueW, font, size);
      for (const line of fit(label, roomForLabel)) {
        text(line, left, font, size);
        y += lineHeight;
      }
      return;
    }
    paragraph(label, font, size, 'left');
    paragraph(value, font, size, 'right');
  };

  const rule = () => {
    y += spec.body * 0.35;
    ops.push({ kind: 'rule', x: left, y, width });
    y += spec.body * 0.65;
  };

  const banner = (t: string, size: number, filled: boolean, font: ReceiptFont = 'Helvetica-Bold') => {
    const lines = wrapText(t, width - size, (s) => measure(s, font, size));
    const pad = size * 0.35;
    const height = lines.length * size * LINE_HEIGHT + 2 * pad - size * (LINE_HEIGHT - 1);
    ops.push({ kind: 'box', x: left, y, width, height, filled });
    y += pad;
    for (const line of lines) {
      text(line, left + (width - measure(line, font, size)) / 2, font, size, filled ? 'white' : 'black');
      y += size * LINE_HEIGHT;
    }
    y += pad - size * (LINE_HEIGHT - 1);
  };

  if (copy) {
    banner(RECEIPT_COPY_TEXT, spec.banner, true);
    y += spec.body * 0.6;
  }
  if (receipt.refund) {
    banner(RECEIPT_REFUND_TEXT, spec.banner, true);
    y += spec.body * 0.6;
  }

  paragraph(receipt.shopName, 'Helvetica-Bold', spec.title, 'center');
  if (receipt.shopAddress) paragraph(receipt.shopAddress, 'Helvetica', spec.small, 'center');
  rule();

  row('Terminal', receipt.terminalName, 'Helvetica', spec.body, true);
  row('Clerk', receipt.clerkName, 'Helvetica', spec.body, true);
  if (receipt.refund) {
    row('Time', formatLocalTime(receipt.refund.time), 'Helvetica', spec.body);
    row('Refund', receipt.refund.refundNumber, 'Helvetica-Bold', spec.body, true);
    row('Original sale', receipt.saleNumber, 'Helvetica', spec.body, true);
    row('Sold', formatLocalTime(receipt.time), 'Helvetica', spec.small);
  } else {
    row('Time', formatLocalTime(receipt.time), 'Helvetica', spec.body);
    row('Sale', receipt.saleNumber, 'Helvetica-Bold', spec.body, true);
  }
  rule();

  receipt.lines.forEach((line, i) => {
    if (i > 0) y += spec.body * 0.4;
    paragraph(line.packageName, 'Helvetica-Bold', spec.body, 'left');
    row(
      `${line.quantity} x ${formatMoney(line.unitPrice)}`,
      formatMoney(line.amount),
      'Helvetica',
      spec.body,
    );
    if (line.customerAccount !== undefined) {
      row('Account', maskAccount(line.customerAccount), 'Helvetica', spec.small);
    }
  });
  rule();

  row(receipt.refund ? 'CASH BACK' : 'TOTAL', formatMoney(receipt.total), 'Helvetica-Bold', spec.total);
  if (receipt.tendered) {
    row('Tendered', formatMoney(receipt.tendered), 'Helvetica', spec.body);
    if (receipt.change) row('Change', formatMoney(receipt.change), 'Helvetica', spec.body);
  }
  y += spec.body * 0.6;

  if (receipt.testPage) banner(RECEIPT_TEST_TEXT, spec.body, true, 'Helvetica-Bold');
  else if (receipt.refund) banner(RECEIPT_REFUNDED_TEXT, spec.body, false, 'Helvetica-Bold');
  else banner(RECEIPT_STATUS_TEXT[receipt.status], spec.body, receipt.status === 'queued', 'Helvetica-Bold');

  if (receipt.footer) {
    y += spec.body * 0.6;
    paragraph(receipt.footer, 'Helvetica', spec.small, 'center');
  }

  y += spec.body;
  ops.push({ kind: 'barcode', text: receipt.saleNumber, x: left, y, width, height: spec.barcodeHeight });
  y += spec.barcodeHeight;

  if (copy) {
    y += spec.body * 0.8;
    banner(RECEIPT_COPY_TEXT, spec.body, true);
  }

  return { pageWidth, pageHeight: Math.ceil(y + BOTTOM_MARGIN), ops };
}
