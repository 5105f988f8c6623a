import PDFDocument from 'pdfkit';
import type { ShiftReport } from '../../core/contract/types/shifts';
import { formatMoney } from '../../core/money/money';
import { countedPieces } from '../../core/shifts/denominations';
import { differenceLabel } from '../../core/shifts/shift-cash';
import { formatLocalTime, type ReceiptPaper } from '../printing/receipt-data';
import { PT_PER_MM, type ReceiptFont, type ReceiptOp } from '../printing/receipt-layout';
import { drawOp } from '../printing/receipt-pdf';
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
 * figures by clerk, and (Z) the Z number barcoded.
 */
export function layoutShiftReport(
  report: ShiftReport,
  frame: ShiftReportFrame,
  paper: ReceiptPaper,
  measure: (text: string, font: ReceiptFont, size: number) => number,
): { pageWidth: number; pageHeight: number; ops: ReceiptOp[] } {
  const spec = PAPER[paper];
  const left = ((spec.widthMm - spec.printableMm) / 2) * PT_PER_MM;
  const width = spec.printableMm * PT_PER_MM;
  const right = left + width;
  const size = spec.body;
  const ops: ReceiptOp[] = [];
  let y = 4 * PT_PER_MM;
  const m = (n: number) => formatMoney({ amount: n, currency: report.shift.currency });

  const paragraph = (t: string, font: ReceiptFont, s: number, align: 'left' | 'center') => {
    for (const line of wrapText(t, width, (x) => measure(x, font, s))) {
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
  const row = (label: string, value: string, font: ReceiptFont = 'Helvetica') => {
    const vw = measure(value, font, size);
    const lines = wrapText(label, Math.max(width * 0.35, width - vw - size), (x) => measure(x, font, size));
    ops.push({ kind: 'text', text: value, x: right - vw, y, font, size, color: 'black' });
    for (const line of lines) {
      ops.push({ kind: 'text', text: line, x: left, y, font, size, color: 'black' });
      y += size * LINE;
    }
  };
  const rule = () => {
    y += size * 0.35;
    ops.push({ kind: 'rule', x: left, y, width });
    y += size * 0.65;
  };
  const banner = (t: string) => {
    const s = spec.title;
    const h = s * LINE + s * 0.45;
    ops.push({ kind: 'box', x: left, y, width, height: h, filled: true });
    const w = measure(t, 'Helvetica-Bold', s);
    ops.push({
      kind: 'text',
      text: t,
      x: left + (width - w) / 2,
      y: y + s * 0.3,
      font: 'Helvetica-Bold',
      size: s,
      color: 'white',
    });
    y += h + size * 0.5;
  };

  paragraph(frame.shopName, 'Helvetica-Bold', spec.title, 'center');
  if (frame.shopAddress) paragraph(frame.shopAddress, 'Helvetica', size * 0.9, 'center');
  rule();
  banner(report.kind === 'Z' ? 'Z-REPORT - SHIFT CLOSED' : 'X-REPORT - SHIFT STILL OPEN');
  const s = report.shift;
  row('Terminal', report.terminalName);
  row('Shift', `#${s.number}`);
  if (s.zNumber) row('Z number', s.zNumber, 'Helvetica-Bold');
  row('Opened', formatLocalTime(new Date(s.openedAt)));
  row('Opened by', s.implicit ? `${s.openedByName} (by a sale)` : s.openedByName);
  if (s.closedAt) {
    row('Closed', formatLocalTime(new Date(s.closedAt)));
    row('Closed by', s.closedByName ?? '-');
  } else row('Printed', formatLocalTime(new Date(report.generatedAt)));
  rule();
  row('Float', m(report.float));
  row('Sales count', String(report.salesCount));
  row('Cash sales', m(report.salesAmount));
  row('Voids (not sold)', String(report.voidCount));
  row(`Refunds (${report.refundCount})`, `-${m(report.refundAmount)}`);
  row('Cash in', m(report.cashIn));
  row('Cash out', `-${m(report.cashOut)}`);
  rule();
  row('Expected cash', m(report.expected), 'Helvetica-Bold');
  if (s.counted !== null && s.difference !== null) {
    row('Counted cash', m(s.counted), 'Helvetica-Bold');
    const label = differenceLabel(s.difference);
    row(`Difference (${label})`, m(s.difference), 'Helvetica-Bold');
    const pieces = report.closeCount ? countedPieces(report.closeCount) : [];
    if (pieces.length > 0) {
      rule();
      paragraph('Counted by denomination', 'Helvetica-Bold', size, 'left');
      for (const p of pieces) row(`${p.count} x ${m(p.value)}`, m(p.count * p.value));
    }
  }
  rule();
  paragraph('By clerk', 'Helvetica-Bold', size, 'left');
  if (report.byClerk.length === 0) paragraph('No sales, refunds or cash moves.', 'Helvetica', size, 'left');
  for (const c of report.byClerk) {
    y += size * 0.3;
    paragraph(c.clerkName, 'Helvetica-Bold', size, 'left');
    row(`Sales (${c.salesCount})`, m(c.salesAmount));
    if (c.voidCount > 0) row('Voids', String(c.voidCount));
    if (c.refundCount > 0) row(`Refunds (${c.refundCount})`, `-${m(c.refundAmount)}`);
    if (c.cashIn > 0) row('Cash in', m(c.cashIn));
    if (c.cashOut > 0) row('Cash out', `-${m(c.cashOut)}`);
  }
  if (report.kind === 'Z' && s.zNumber) {
    y += size;
    const height = paper === '58mm' ? 46 : 54;
    ops.push({ kind: 'barcode', text: s.zNumber, x: left, y, width, height });
    y += height;
  }
  return { pageWidth: spec.widthMm * PT_PER_MM, pageHeight: Math.ceil(y + 8 * PT_PER_MM), ops };
}

/** Renders a shift report as a one-page PDF as wide as the roll (built-in fonts, like receipts). */
export function renderShiftReportPdf(
  report: ShiftReport,
  frame: ShiftReportFrame,
  paper: ReceiptPaper,
): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: false,
    info: {
      Title:
        report.kind === 'Z' ? `Z-report ${report.shift.zNumber}` : `X-report shift ${report.shift.number}`,
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
  const measure = (text: string, font: ReceiptFont, size: number): number =>
    doc.font(font).fontSize(size).widthOfString(text);
  const layout = layoutShiftReport(report, frame, paper, measure);
  doc.addPage({ size: [layout.pageWidth, layout.pageHeight], margin: 0 });
  for (const op of layout.ops) drawOp(doc, op);
  doc.end();
  return done;
}
