import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { money } from '../../../core/money/money';
import type { ReceiptData } from '../../../main/printing/receipt-data';
import { registerPrintFonts } from '../../../main/printing/print-fonts';
import { ENGLISH_PRINT } from '../../../main/printing/print-localization';
import { layoutReceipt, PT_PER_MM, type ReceiptFont } from '../../../main/printing/receipt-layout';

describe('layoutReceipt', () => {
  const doc = new PDFDocument({ autoFirstPage: false });
  registerPrintFonts(doc);
  const measure = (t: string, font: ReceiptFont, size: number) =>
    doc.font(font).fontSize(size).widthOfString(t);
  const long = 'Supercalifragilisticexpialidocious-unbreakable-package-code-0123456789 and more words here';
  const receipt: ReceiptData = {
    shopName: `The Very Long Name Of A Mobile Phone Shop And Repair Centre ${long}`,
    shopAddress: long,
    terminalName: 'Front counter terminal number two by the window',
    clerkName: 'Maria-Fernanda de los Santos Gutierrez-Villanueva',
    time: new Date(2026, 0, 5, 14, 3, 22),
    saleNumber: 'T7K2-000123',
    lines: [
      {
        packageName: long,
        quantity: 12,
        unitPrice: money(123456789012, 'KWD'),
        amount: money(1481481468144, 'KWD'),
        customerAccount: '12345678901234567890',
      },
    ],
    total: money(1481481468144, 'KWD'),
    tendered: money(1481481468144, 'KWD'),
    change: money(0, 'KWD'),
    status: 'queued',
    footer: long,
  };

  it.each(['58mm', '80mm'] as const)('keeps every text inside the printable width on %s', (paper) => {
    const layout = layoutReceipt(receipt, paper, true, measure, ENGLISH_PRINT);
    const printable = paper === '58mm' ? 48 : 72;
    const left = ((layout.pageWidth / PT_PER_MM - printable) / 2) * PT_PER_MM;
    const right = left + printable * PT_PER_MM;
    let lastBottom = 0;
    for (const op of layout.ops) {
      if (op.kind !== 'text') continue;
      expect(op.x).toBeGreaterThanOrEqual(left - 0.01);
      expect(op.x + measure(op.text, op.font, op.size)).toBeLessThanOrEqual(right + 0.01);
      lastBottom = Math.max(lastBottom, op.y + op.size);
    }
    expect(layout.pageHeight).toBeGreaterThan(lastBottom);
  });
});
