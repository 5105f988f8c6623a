import PDFDocument from 'pdfkit';
import { drawCode128 } from './code128-vector';
import { RECEIPT_COPY_TEXT, type ReceiptData, type ReceiptPaper } from './receipt-data';
import { layoutReceipt, type ReceiptFont, type ReceiptOp } from './receipt-layout';

export type { ReceiptData, ReceiptLine, ReceiptPaper, ReceiptStatus } from './receipt-data';

/** How to render a receipt. */
export interface ReceiptPdfOptions {
  readonly paper: ReceiptPaper;
  /** A reprint: adds a COPY banner at the top and bottom. */
  readonly copy?: boolean;
}

/** Dot pitch of a 203 dpi thermal head (8 dots/mm): barcode modules are whole dots so bars print evenly. */
const THERMAL_DOT_PITCH = 72 / 203;

/**
 * Renders a sale receipt as a one-page PDF as wide as the roll and as tall as its content.
 * Deterministic: the same data gives the same bytes (CreationDate is the sale time). Built-in fonts only.
 */
export function renderReceiptPdf(receipt: ReceiptData, options: ReceiptPdfOptions): Promise<Buffer> {
  const copy = options.copy ?? false;
  const doc = new PDFDocument({
    autoFirstPage: false,
    // Uncompressed streams render about twice as fast; a receipt stays a few kilobytes either way.
    compress: false,
    info: {
      Title: `Receipt ${receipt.saleNumber}${copy ? ` (${RECEIPT_COPY_TEXT})` : ''}`,
      Creator: 'Refill Desk',
      Producer: 'Refill Desk',
      CreationDate: receipt.time,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const measure = (text: string, font: ReceiptFont, size: number): number =>
    doc.font(font).fontSize(size).widthOfString(text);
  const layout = layoutReceipt(receipt, options.paper, copy, measure);

  doc.addPage({ size: [layout.pageWidth, layout.pageHeight], margin: 0 });
  for (const op of layout.ops) drawOp(doc, op);
  doc.end();
  return done;
}

/** Draws one laid-out receipt step (shared with the shift reports, which use the same frame). */
export function drawOp(doc: PDFKit.PDFDocument, op: ReceiptOp): void {
  switch (op.kind) {
    case 'text':
      doc
        .font(op.font)
        .fontSize(op.size)
        .fillColor(op.color)
        .text(op.text, op.x, op.y, { lineBreak: false })
        .fillColor('black');
      return;
    case 'box':
      if (op.filled) doc.rect(op.x, op.y, op.width, op.height).fill('black');
      else doc.rect(op.x, op.y, op.width, op.height).lineWidth(0.8).stroke('black');
      return;
    case 'rule':
      doc
        .moveTo(op.x, op.y)
        .lineTo(op.x + op.width, op.y)
        .lineWidth(0.5)
        .dash(2, { space: 2 })
        .stroke('black')
        .undash();
      return;
    case 'barcode':
      drawCode128(doc, op.text, {
        x: op.x,
        y: op.y,
        width: op.width,
        height: op.height,
        dotPitch: THERMAL_DOT_PITCH,
      });
      return;
  }
}
