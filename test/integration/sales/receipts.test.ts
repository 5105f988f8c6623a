import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintedReceipt, PrinterListItem, RenderedReceipt } from '../../../core/contract/types/receipts';
import type { SaleCreateOutcome, SaleListItem } from '../../../core/contract/types/sales';
import type { AppServices } from '../../../main/app/app-services';
import type { RunningServer } from '../../../server/start-server';
import { TEST_PRINTER, setupCupsPdfPrinter, waitForPrintedPdf } from '../printing/cups-pdf-output';
import { decodeBarcodes, pdfText, requireTools } from '../printing/pdf-tools';
import { seedReseller, startCentral } from '../terminal/support/central-api';
import { call, enrollAndSignIn, tempDir } from '../terminal/support/terminal-harness';
import { callError, openSalesTerminal } from './support';

const PRINTER = TEST_PRINTER;

let serverDir: string;
let server: RunningServer;
let s: AppServices;
let closeTerminal: () => Promise<void>;
let packageId: string;
const printed: string[] = [];

const pdfOf = (r: RenderedReceipt): Buffer => Buffer.from(r.pdfBase64, 'base64');

beforeAll(async () => {
  requireTools('pdftotext', 'pdftoppm', 'zbarimg');
  serverDir = tempDir('central-receipts');
  server = await startCentral(serverDir);
  const t = await openSalesTerminal('receipts');
  s = t.services;
  closeTerminal = t.close;
  // 1,000 credits: a few sales of 90, then a big one the server rejects.
  const seed = await seedReseller(server, { credits: 1_000 });
  packageId = seed.pkg.id;
  await enrollAndSignIn(s, server.url, seed.code);
  await call(s, 'settings.update', { shopName: 'Corner Shop', shopAddress: '1 Main St', paperWidth: '58mm' });
});
afterAll(async () => {
  await closeTerminal();
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
  for (const file of printed) await rm(file, { force: true });
});

const sell = (quantity = 1) =>
  call<SaleCreateOutcome>(s, 'sales.create', {
    packageId,
    customerAccount: '+15550004321',
    quantity,
    tenderedAmount: Math.max(500, quantity * 100),
  });

describe('receipts through the contract', () => {
  it('renders the original, then COPYs; the barcode decodes to the sale number; every render is audited', async () => {
    const out = await sell(2);
    expect(out.outcome).toBe('confirmed');
    const sale = out.sale!;
    const first = await call<RenderedReceipt>(s, 'receipts.render', { saleId: sale.id });
    expect(first).toMatchObject({ copy: false, printCount: 1, fileName: `receipt-${sale.saleNumber}.pdf` });
    const text = (await pdfText(pdfOf(first))).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Corner Shop');
    expect(text).toContain('1 Main St');
    expect(text).toContain('Test counter'); // the terminal name
    expect(text).toContain('Manager'); // the clerk
    expect(text).toContain(sale.saleNumber);
    expect(text).toContain('TOTAL USD 2.00');
    expect(text).toContain('Change USD 3.00');
    expect(text).toContain('CONFIRMED ONLINE');
    expect(text).not.toContain('COPY');
    expect(await decodeBarcodes(pdfOf(first))).toEqual([sale.saleNumber]);

    const second = await call<RenderedReceipt>(s, 'receipts.render', { saleId: sale.id, paper: '80mm' });
    expect(second).toMatchObject({
      copy: true,
      printCount: 2,
      fileName: `receipt-${sale.saleNumber}-copy.pdf`,
    });
    expect(await pdfText(pdfOf(second))).toContain('COPY');
    expect(await decodeBarcodes(pdfOf(second))).toEqual([sale.saleNumber]);

    expect((await call<SaleListItem>(s, 'sales.get', { saleId: sale.id })).printCount).toBe(2);
    const audit = s.terminal.receiptPrints.list(sale.id);
    const clerkId = s.terminal.session.currentSession()!.clerkId;
    expect(audit.map((a) => [a.copy, a.target, a.clerkId])).toEqual([
      [false, 'pdf', clerkId],
      [true, 'pdf', clerkId],
    ]);
    // The audit log is append-only.
    expect(() => s.terminal.ledger.db.prepare('DELETE FROM receipt_prints').run()).toThrow(/audit log/);
  });

  it('two renders at once give one original and one copy', async () => {
    const out = await sell();
    const both = await Promise.all([
      call<RenderedReceipt>(s, 'receipts.render', { saleId: out.sale!.id }),
      call<RenderedReceipt>(s, 'receipts.render', { saleId: out.sale!.id }),
    ]);
    expect(both.map((r) => r.copy).sort()).toEqual([false, true]);
  });

  it("prints the manager's receipt footer at the bottom, and nothing once it is cleared", async () => {
    const footer = 'Thank you! Support line +1 555 0100';
    await call(s, 'settings.update', { receiptFooter: `  ${footer}  ` });
    expect((await call<{ receiptFooter: string | null }>(s, 'settings.get')).receiptFooter).toBe(footer);
    const out = await sell();
    const withFooter = await call<RenderedReceipt>(s, 'receipts.render', { saleId: out.sale!.id });
    expect((await pdfText(pdfOf(withFooter))).replace(/\s+/g, ' ')).toContain(footer);
    const tooLong = await callError(s, 'settings.update', { receiptFooter: 'x'.repeat(301) });
    expect(tooLong?.code).toBe('invalid_input');
    await call(s, 'settings.update', { receiptFooter: '' });
    const without = await call<RenderedReceipt>(s, 'receipts.render', { saleId: out.sale!.id });
    expect(await pdfText(pdfOf(without))).not.toContain('Support line');
  });

  it('marks an offline (queued) sale on the receipt', async () => {
    s.terminal.ledger.recordContact(false, 'test: offline');
    const out = await sell();
    expect(out.outcome).toBe('queued');
    const r = await call<RenderedReceipt>(s, 'receipts.render', { saleId: out.sale!.id });
    expect(await pdfText(pdfOf(r))).toContain('PAID - TOP-UP ON ITS WAY');
    expect((await call<{ ok: boolean }>(s, 'sync.now')).ok).toBe(true);
  });

  it('prints nothing for a sale the server rejected (persist before print)', async () => {
    const out = await sell(50); // wholesale 4,500 > the credits left
    expect(out).toMatchObject({ outcome: 'rejected', sale: { status: 'reversed' } });
    expect(await callError(s, 'receipts.render', { saleId: out.sale!.id })).toMatchObject({
      code: 'not_printable',
    });
    expect(await callError(s, 'receipts.print', { saleId: out.sale!.id })).toMatchObject({
      code: 'not_printable',
    });
    expect(s.terminal.receiptPrints.count(out.sale!.id)).toBe(0);
    expect((await call<SaleListItem>(s, 'sales.get', { saleId: out.sale!.id })).syncState).toBe('rejected');
  });

  it('prints a test page on the configured printer: marked as a test, its barcode scans, no receipt recorded', async () => {
    await call(s, 'settings.update', { printerName: null });
    expect(await callError(s, 'printers.testPage')).toMatchObject({ code: 'no_printer' });
    setupCupsPdfPrinter(PRINTER);
    await call(s, 'settings.update', { printerName: PRINTER, paperWidth: '58mm' });
    const since = Date.now();
    const job = await call<PrintedReceipt & { testNumber: string }>(s, 'printers.testPage');
    expect(job.printer).toBe(PRINTER);
    expect(job.testNumber).toMatch(/^TEST-\d{12}$/);
    const file = await waitForPrintedPdf(job.testNumber, { since });
    printed.push(file);
    const text = (await pdfText(file)).replace(/\s+/g, ' ');
    expect(text).toContain('PRINTER TEST - NOT A SALE');
    expect(text).toContain('58mm paper');
    expect(text).toContain('Corner Shop');
    expect(await decodeBarcodes(file)).toEqual([job.testNumber]);
  });

  it('prints on the configured CUPS printer; a reprint is a COPY', async () => {
    setupCupsPdfPrinter(PRINTER);
    const printers = await call<PrinterListItem[]>(s, 'printers.list');
    expect(printers.map((p) => p.name)).toContain(PRINTER);
    await call(s, 'settings.update', { printerName: PRINTER, paperWidth: '80mm' });

    const out = await sell();
    const sale = out.sale!;
    const since = Date.now();
    const job = await call<PrintedReceipt>(s, 'receipts.print', { saleId: sale.id });
    expect(job).toMatchObject({ printer: PRINTER, copy: false });
    expect(job.jobId).toMatch(new RegExp(`^${PRINTER}-\\d+$`));
    const file = await waitForPrintedPdf(sale.saleNumber, { since });
    printed.push(file);
    const text = (await pdfText(file)).replace(/[ \t]+/g, ' ');
    expect(text).toContain(sale.saleNumber);
    expect(text).toContain('TOTAL USD 1.00');
    expect(text).not.toContain('COPY');
    expect(await decodeBarcodes(file)).toEqual([sale.saleNumber]);

    const again = await call<PrintedReceipt>(s, 'receipts.print', { saleId: sale.id });
    expect(again.copy).toBe(true);
    const copyFile = await waitForPrintedPdf(`${sale.saleNumber}_COPY`, { since });
    printed.push(copyFile);
    expect(await pdfText(copyFile)).toContain('COPY');
    const audit = s.terminal.receiptPrints.list(sale.id);
    expect(audit.map((a) => [a.copy, a.target, a.printerName, a.jobId])).toEqual([
      [false, 'printer', PRINTER, job.jobId],
      [true, 'printer', PRINTER, again.jobId],
    ]);
  });

  it('answers printer_not_found for a configured printer the OS does not know, and records nothing', async () => {
    const out = await sell();
    await call(s, 'settings.update', { printerName: 'NoSuchPrinterHere' });
    expect(await callError(s, 'receipts.print', { saleId: out.sale!.id })).toMatchObject({
      code: 'printer_not_found',
    });
    expect(s.terminal.receiptPrints.count(out.sale!.id)).toBe(0);
    await call(s, 'settings.update', { printerName: null });
  });
});
