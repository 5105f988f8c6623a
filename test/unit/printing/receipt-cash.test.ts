import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { SaleListItem } from '../../../core/contract/types/sales';
import type { TerminalSettings } from '../../../core/contract/types/settings';
import type { TerminalInfo } from '../../../core/contract/types/terminal';
import { en } from '../../../core/i18n/en';
import { registerPrintFonts } from '../../../main/printing/print-fonts';
import { ENGLISH_PRINT } from '../../../main/printing/print-localization';
import { layoutReceipt, type ReceiptFont } from '../../../main/printing/receipt-layout';
import { saleReceiptData } from '../../../main/receipts/sale-receipt';

const sale = (over: Partial<SaleListItem> = {}): SaleListItem => ({
  id: '0190a4b2-0000-7000-8000-000000000001',
  saleNumber: 'T7K2-000123',
  commandId: '0190a4b2-0000-7000-8000-000000000002',
  packageId: '0190a4b2-0000-7000-8000-000000000003',
  packageName: 'Top-up 5',
  customerAccount: '+15550001111',
  quantity: 1,
  currency: 'USD',
  retailAmount: 500,
  wholesaleAmount: 475,
  tenderedAmount: null,
  changeAmount: null,
  clerkId: null,
  createdAt: '2026-01-05T14:03:22.000Z',
  status: 'confirmed',
  serverStatus: null,
  reason: null,
  message: null,
  clerkName: 'Maya',
  businessStatus: 'purchased',
  syncState: 'synced',
  printCount: 0,
  ...over,
});
const terminal = { terminalName: 'Counter 1', resellerName: 'Corner Kiosk' } as TerminalInfo;
const settings = { shopName: null, shopAddress: null } as unknown as TerminalSettings;

const doc = new PDFDocument({ autoFirstPage: false });
registerPrintFonts(doc);
const RECEIPT_STATUS_TEXT = en.receipt.status;
const measure = (t: string, font: ReceiptFont, size: number) =>
  doc.font(font).fontSize(size).widthOfString(t);
const texts = (s: SaleListItem): string[] =>
  layoutReceipt(saleReceiptData(s, terminal, settings), '80mm', false, measure, ENGLISH_PRINT)
    .ops.filter((op) => op.kind === 'text')
    .map((op) => (op as { text: string }).text);

describe('the receipt and cash', () => {
  // Was a bug: with no cash entered the receipt printed "Tendered 5.00 / Change 0.00", cash nobody counted.
  it('prints tendered and change only when the clerk entered the cash', () => {
    expect(saleReceiptData(sale(), terminal, settings)).not.toHaveProperty('tendered');
    expect(texts(sale())).not.toContain('Tendered');
    expect(texts(sale())).not.toContain('Change');
    const cash = texts(sale({ tenderedAmount: 2_000, changeAmount: 1_500 }));
    expect(cash).toContain('Tendered');
    expect(cash).toContain('USD 20.00');
    expect(cash).toContain('USD 15.00');
  });

  it('tells the customer of an offline sale what they get, without sync jargon', () => {
    expect(RECEIPT_STATUS_TEXT.queued).not.toMatch(/QUEUED|SYNC|OFFLINE/);
    expect(texts(sale({ status: 'queued', syncState: 'queued' }))).toContain(RECEIPT_STATUS_TEXT.queued);
  });
});
