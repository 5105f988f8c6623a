import PDFDocument from 'pdfkit';
import type { Localization } from '../../core/i18n/catalog';
import { drawCode128 } from './code128-vector';
import { layoutInPrintFonts } from './print-fonts';
import { ENGLISH_PRINT } from './print-localization';
import type { ReceiptData, ReceiptPaper } from './receipt-data';
import { layoutReceipt, type ReceiptOp } from './receipt-layout';

export type { ReceiptData, ReceiptLine, ReceiptPaper, ReceiptStatus } from './receipt-data';

/** How to render a receipt. */
export interface ReceiptPdfOptions {
  readonly paper: ReceiptPaper;
  /** A reprint: adds a COPY banner at the top and bottom. */
  readonly copy?: boolean;
  /** The language and locale it is printed in (`printLocalization(settings)`); English (en-US) when absent. */
  readonly l10n?: Localization;
}

/** Dot pitch of a 203 dpi thermal head (8 dots/mm): barcode modules are whole dots so bars print evenly. */
const THERMAL_DOT_PITCH = 72 / 203;

/**
 * Renders a sale receipt as a one-page PDF as wide as the roll and as tall as its content.
 * Deterministic: the same data gives the same bytes (CreationDate is the sale time). Set in the standard fonts when
 * they can write every text, else in the embedded DejaVu (subset), which writes every language the terminal speaks.
 */
export function renderReceiptPdf(receipt: ReceiptData, options: ReceiptPdfOptions): Promise<Buffer> {
  const copy = options.copy ?? false;
  const l10n = options.l10n ?? ENGLISH_PRINT;
  const t = l10n.m.receipt;
  const doc = new PDFDocument({
    autoFirstPage: false,
    // Uncompressed streams render about twice as fast; a receipt stays a few kilobytes plus the font subset.
    compress: false,
    info: {
      Title: copy
        ? t.documentTitleCopy({ number: receipt.saleNumber })
        : t.documentTitle({ number: receipt.saleNumber }),
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

  const layout = layoutInPrintFonts(
    doc,
    ['Sans', 'Sans-Bold'],
    (measure) => layoutReceipt(receipt, options.paper, copy, measure, l10n),
    (laidOut) => opTexts(laidOut.ops),
  );

  doc.addPage({ size: [layout.pageWidth, layout.pageHeight], margin: 0 });
  for (const op of layout.ops) drawOp(doc, op);
  doc.end();
  return done;
}

/** The texts of laid-out steps (what decides the fonts). */
export function* opTexts(ops: readonly ReceiptOp[]): Iterable<string> {
  for (const op of ops) if (op.kind === 'text') yield op.text;
}

/** Draws one laid-out receipt step (shared with the shift reports): the print fonts must be registered on `doc`. */
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
        // The number under the bars is ASCII (what Code 128 encodes): the standard Courier keeps it text even
        // through print pipelines that drop an embedded font's Unicode map (CUPS's PostScript step).
      });
      return;
  }
}
