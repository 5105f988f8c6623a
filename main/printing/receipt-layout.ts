import type { Localization } from '../../core/i18n/catalog';
import type { Money } from '../../core/money/money';
import { maskAccount } from './mask-account';
import type { PrintFont } from './print-fonts';
import type { ReceiptData, ReceiptPaper } from './receipt-data';
import { wrapText } from './text-wrap';

/** Points per millimetre (1 pt = 1/72 in). */
export const PT_PER_MM = 72 / 25.4;

/** The embedded fonts a receipt uses (registered on the document by `registerPrintFonts`). */
export type ReceiptFont = Extract<PrintFont, 'Sans' | 'Sans-Bold'>;

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

/**
 * Lays out a receipt as drawing steps in the terminal's language (`l10n`: labels from its catalog, money in its
 * locale): pure, so it can be checked without a PDF.
 */
export function layoutReceipt(
  receipt: ReceiptData,
  paper: ReceiptPaper,
  copy: boolean,
  measure: FontMeasure,
  l10n: Localization,
): ReceiptLayout {
  const { fmt } = l10n;
  const t = l10n.m.receipt;
  const money = (value: Money): string => fmt.money(value.amount, value.currency);
  const spec = PAPER[paper];
  const pageWidth = spec.widthMm * PT_PER_MM;
  const left = ((spec.widthMm - spec.printableMm) / 2) * PT_PER_MM;
  const width = spec.printableMm * PT_PER_MM;
  const right = left + width;
  const ops: ReceiptOp[] = [];
  let y = TOP_MARGIN;

  const text = (s: string, x: number, font: ReceiptFont, size: number, color: 'black' | 'white' = 'black') =>
    ops.push({ kind: 'text', text: s, x, y, font, size, color });

  /** Wrapped text, each line aligned left, centred or right within [left, right]. */
  const paragraph = (p: string, font: ReceiptFont, size: number, align: 'left' | 'center' | 'right') => {
    for (const line of wrapText(p, width, (s) => measure(s, font, size))) {
      const w = measure(line, font, size);
      const x = align === 'left' ? left : align === 'center' ? left + (width - w) / 2 : right - w;
      text(line, x, font, size);
      y += size * LINE_HEIGHT;
    }
  };

  /**
   * Label on the left, value on the right. When both do not fit on one line: a text value (`wrapValue`) wraps in
   * the column right of the label; otherwise the label wraps beside the value, or the value drops a line whole
   * (an amount is never split). A row of figures a little too wide for one line (long amounts of a 3-decimal
   * currency on the narrow roll) is set up to 15% smaller first, so it stays one line.
   */
  const row = (label: string, value: string, font: ReceiptFont, fullSize: number, wrapValue = false) => {
    let size = fullSize;
    if (!wrapValue) {
      const oneLine = measure(label, font, size) + size + measure(value, font, size);
      if (oneLine > width)
        size = Math.max(fullSize * 0.85, Math.floor((fullSize * width * 10) / oneLine) / 10);
    }
    const gap = size;
    const fit = (s: string, w: number) => wrapText(s, w, (part) => measure(part, font, size));
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
    // The label wraps beside the value when it has a third of the line, or fits whole in what is left.
    if (roomForLabel >= Math.min(width * 0.35, labelW)) {
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

  const banner = (b: string, size: number, filled: boolean, font: ReceiptFont = 'Sans-Bold') => {
    const lines = wrapText(b, width - size, (s) => measure(s, font, size));
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
    banner(t.copy, spec.banner, true);
    y += spec.body * 0.6;
  }
  if (receipt.refund) {
    banner(t.refundBanner, spec.banner, true);
    y += spec.body * 0.6;
  }

  paragraph(receipt.shopName, 'Sans-Bold', spec.title, 'center');
  if (receipt.shopAddress) paragraph(receipt.shopAddress, 'Sans', spec.small, 'center');
  rule();

  row(t.terminal, receipt.terminalName, 'Sans', spec.body, true);
  row(t.clerk, receipt.clerkName, 'Sans', spec.body, true);
  if (receipt.refund) {
    row(t.time, fmt.dateTime(receipt.refund.time), 'Sans', spec.body);
    row(t.refund, receipt.refund.refundNumber, 'Sans-Bold', spec.body, true);
    row(t.originalSale, receipt.saleNumber, 'Sans', spec.body, true);
    row(t.sold, fmt.dateTime(receipt.time), 'Sans', spec.small);
  } else {
    row(t.time, fmt.dateTime(receipt.time), 'Sans', spec.body);
    row(t.sale, receipt.saleNumber, 'Sans-Bold', spec.body, true);
  }
  rule();

  receipt.lines.forEach((line, i) => {
    if (i > 0) y += spec.body * 0.4;
    paragraph(line.packageName, 'Sans-Bold', spec.body, 'left');
    row(
      t.quantityTimesPrice({ quantity: fmt.count(line.quantity), unitPrice: money(line.unitPrice) }),
      money(line.amount),
      'Sans',
      spec.body,
    );
    if (line.customerAccount !== undefined) {
      row(t.account, maskAccount(line.customerAccount), 'Sans', spec.small);
    }
  });
  rule();

  row(receipt.refund ? t.cashBack : t.total, money(receipt.total), 'Sans-Bold', spec.total);
  if (receipt.tendered) {
    row(t.tendered, money(receipt.tendered), 'Sans', spec.body);
    if (receipt.change) row(t.change, money(receipt.change), 'Sans', spec.body);
  }
  y += spec.body * 0.6;

  if (receipt.testPage) banner(t.printerTest, spec.body, true, 'Sans-Bold');
  else if (receipt.refund) banner(t.refunded, spec.body, false, 'Sans-Bold');
  else banner(t.status[receipt.status], spec.body, receipt.status === 'queued', 'Sans-Bold');

  if (receipt.footer) {
    y += spec.body * 0.6;
    paragraph(receipt.footer, 'Sans', spec.small, 'center');
  }

  y += spec.body;
  ops.push({ kind: 'barcode', text: receipt.saleNumber, x: left, y, width, height: spec.barcodeHeight });
  y += spec.barcodeHeight;

  if (copy) {
    y += spec.body * 0.8;
    banner(t.copy, spec.body, true);
  }

  return { pageWidth, pageHeight: Math.ceil(y + BOTTOM_MARGIN), ops };
}
