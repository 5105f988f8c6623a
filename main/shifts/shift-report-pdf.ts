import PDFDocument from 'pdfkit';
import type { ShiftReport } from '../../core/contract/types/shifts';
import type { Localization } from '../../core/i18n/catalog';
import { countedPieces } from '../../core/shifts/denominations';
import { differenceLabel } from '../../core/shifts/shift-cash';
import { layoutInPrintFonts } from '../printing/print-fonts';
import { ENGLISH_PRINT } from '../printing/print-localization';
import type { ReceiptPaper } from '../printing/receipt-data';
import { PT_PER_MM, type ReceiptFont, type ReceiptOp } from '../printing/receipt-layout';
import { drawOp, opTexts } from '../printing/receipt-pdf';
import { wrapText } from '../printing/text-wrap';

/** What a shift report prints around its figures (the receipt frame: the shop's name and address). */
export interface ShiftReportFrame {
  readonly shopName: string;
  readonly shopAddress?: string;
}

const PAPER: Readonly<
  Record<ReceiptPaper, { widthMm: number; printableMm: number; body: number; title: number }>
> = {
  '58mm': { widthMm: 58, printableMm: 48, body: 8, title: 10.5 },
  '80mm': { widthMm: 80, printableMm: 72, body: 9.5, title: 13 },
};
const LINE = 1.25;

/** The file name a shift report is saved as. */
export function shiftReportFileName(report: ShiftReport): string {
  return report.kind === 'Z'
    ? `z-report-${report.shift.zNumber}.pdf`
    : `x-report-shift-${report.shift.number}-${report.generatedAt.replace(/\D/g, '').slice(0, 14)}.pdf`;
}

/**
 * Lays out an X- or Z-report on the receipt roll (58 or 80 mm) with the receipt's frame and drawing steps: header,
 * the shift, the cash figures, expected against counted and the difference, the close's count by denomination, the
 * figures by clerk, and (Z) the Z number barcoded; in the terminal's language and locale (`l10n`).
 */
export function layoutShiftReport(
  report: ShiftReport,
  frame: ShiftReportFrame,
  paper: ReceiptPaper,
  measure: (text: string, font: ReceiptFont, size: number) => number,
  l10n: Localization = ENGLISH_PRINT,
): { pageWidth: number; pageHeight: number; ops: ReceiptOp[] } {
  const { fmt } = l10n;
  const t = l10n.m.shiftReport;
  const count = (n: number): string => fmt.count(n);
  const spec = PAPER[paper];
  const left = ((spec.widthMm - spec.printableMm) / 2) * PT_PER_MM;
  const width = spec.printableMm * PT_PER_MM;
  const right = left + width;
  const size = spec.body;
  const ops: ReceiptOp[] = [];
  let y = 4 * PT_PER_MM;
  const m = (n: number) => fmt.money(n, report.shift.currency);

  const paragraph = (p: string, font: ReceiptFont, s: number, align: 'left' | 'center') => {
    for (const line of wrapText(p, width, (x) => measure(x, font, s))) {
      const w = measure(line, font, s);
      ops.push({
        kind: 'text',
        text: line,
        x: align === 'left' ? left : left + (width - w) / 2,
        y,
        font,
        size: s,
        color: 'black',
      });
      y += s * LINE;
    }
  };
  /** Label left, figure right; a line a little too long is set up to 15% smaller before the label wraps. */
  const row = (label: string, value: string, font: ReceiptFont = 'Sans') => {
    const oneLine = measure(label, font, size) + size + measure(value, font, size);
    const fs = oneLine > width ? Math.max(size * 0.85, Math.floor((size * width * 10) / oneLine) / 10) : size;
    const vw = measure(value, font, fs);
    const lines = wrapText(label, Math.max(width * 0.35, width - vw - fs), (x) => measure(x, font, fs));
    ops.push({ kind: 'text', text: value, x: right - vw, y, font, size: fs, color: 'black' });
    for (const line of lines) {
      ops.push({ kind: 'text', text: line, x: left, y, font, size: fs, color: 'black' });
      y += fs * LINE;
    }
  };
  const rule = () => {
    y += size * 0.35;
    ops.push({ kind: 'rule', x: left, y, width });
    y += size * 0.65;
  };
  /** White on black, centred; a heading too long for one line wraps (Russian, or DejaVu on the narrow roll). */
  const banner = (b: string) => {
    const room = width - spec.title * 0.4;
    const full = measure(b, 'Sans-Bold', spec.title);
    // Up to 15% smaller keeps a heading on one line; beyond that it wraps.
    const s =
      full > room
        ? Math.max(spec.title * 0.85, Math.floor((spec.title * room * 10) / full) / 10)
        : spec.title;
    const lines = wrapText(b, room, (x) => measure(x, 'Sans-Bold', s));
    const h = lines.length * s * LINE + s * 0.45;
    ops.push({ kind: 'box', x: left, y, width, height: h, filled: true });
    lines.forEach((line, i) => {
      const w = measure(line, 'Sans-Bold', s);
      ops.push({
        kind: 'text',
        text: line,
        x: left + (width - w) / 2,
        y: y + s * 0.3 + i * s * LINE,
        font: 'Sans-Bold',
        size: s,
        color: 'white',
      });
    });
    y += h + size * 0.5;
  };

  paragraph(frame.shopName, 'Sans-Bold', spec.title, 'center');
  if (frame.shopAddress) paragraph(frame.shopAddress, 'Sans', size * 0.9, 'center');
  rule();
  banner(report.kind === 'Z' ? t.zBanner : t.xBanner);
  const s = report.shift;
  row(t.terminal, report.terminalName);
  row(t.shift, `#${s.number}`);
  if (s.zNumber) row(t.zNumber, s.zNumber, 'Sans-Bold');
  row(t.opened, fmt.dateTime(s.openedAt));
  row(t.openedBy, s.implicit ? t.openedBySale({ name: s.openedByName }) : s.openedByName);
  if (s.closedAt) {
    row(t.closed, fmt.dateTime(s.closedAt));
    row(t.closedBy, s.closedByName ?? '-');
  } else row(t.printed, fmt.dateTime(report.generatedAt));
  rule();
  row(t.float, m(report.float));
  row(t.salesCount, count(report.salesCount));
  row(t.cashSales, m(report.salesAmount));
  row(t.voidsNotSold, count(report.voidCount));
  row(t.refundsCounted({ count: count(report.refundCount) }), `-${m(report.refundAmount)}`);
  row(t.cashIn, m(report.cashIn));
  row(t.cashOut, `-${m(report.cashOut)}`);
  rule();
  row(t.expectedCash, m(report.expected), 'Sans-Bold');
  if (s.counted !== null && s.difference !== null) {
    row(t.countedCash, m(s.counted), 'Sans-Bold');
    const label = t.differenceLabel[differenceLabel(s.difference)];
    row(t.difference({ label }), m(s.difference), 'Sans-Bold');
    const pieces = report.closeCount ? countedPieces(report.closeCount) : [];
    if (pieces.length > 0) {
      rule();
      paragraph(t.countedByDenomination, 'Sans-Bold', size, 'left');
      for (const p of pieces)
        row(t.pieces({ count: count(p.count), value: m(p.value) }), m(p.count * p.value));
    }
  }
  rule();
  paragraph(t.byClerk, 'Sans-Bold', size, 'left');
  if (report.byClerk.length === 0) paragraph(t.noMoves, 'Sans', size, 'left');
  for (const c of report.byClerk) {
    y += size * 0.3;
    paragraph(c.clerkName, 'Sans-Bold', size, 'left');
    row(t.salesCounted({ count: count(c.salesCount) }), m(c.salesAmount));
    if (c.voidCount > 0) row(t.voids, count(c.voidCount));
    if (c.refundCount > 0) row(t.refundsCounted({ count: count(c.refundCount) }), `-${m(c.refundAmount)}`);
    if (c.cashIn > 0) row(t.cashIn, m(c.cashIn));
    if (c.cashOut > 0) row(t.cashOut, `-${m(c.cashOut)}`);
  }
  if (report.kind === 'Z' && s.zNumber) {
    y += size;
    const height = paper === '58mm' ? 46 : 54;
    ops.push({ kind: 'barcode', text: s.zNumber, x: left, y, width, height });
    y += height;
  }
  return { pageWidth: spec.widthMm * PT_PER_MM, pageHeight: Math.ceil(y + 8 * PT_PER_MM), ops };
}

/** Renders a shift report as a one-page PDF as wide as the roll (the embedded font, like receipts). */
export function renderShiftReportPdf(
  report: ShiftReport,
  frame: ShiftReportFrame,
  paper: ReceiptPaper,
  l10n: Localization = ENGLISH_PRINT,
): Promise<Buffer> {
  const t = l10n.m.shiftReport;
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: false,
    info: {
      Title:
        report.kind === 'Z'
          ? t.zTitle({ number: report.shift.zNumber ?? '' })
          : t.xTitle({ number: String(report.shift.number) }),
      Creator: 'Refill Desk',
      Producer: 'Refill Desk',
      CreationDate: new Date(report.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const layout = layoutInPrintFonts(
    doc,
    ['Sans', 'Sans-Bold'],
    (measure) => layoutShiftReport(report, frame, paper, measure, l10n),
    (laidOut) => opTexts(laidOut.ops),
  );
  doc.addPage({ size: [layout.pageWidth, layout.pageHeight], margin: 0 });
  for (const op of layout.ops) drawOp(doc, op);
  doc.end();
  return done;
}
