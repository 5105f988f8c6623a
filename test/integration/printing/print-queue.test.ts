import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/app-error';
import { createPrintQueue, savePdf } from '../../../main/printing/print-queue';
import { renderReceiptPdf } from '../../../main/printing/receipt-pdf';
import { TEST_PRINTER, setupCupsPdfPrinter, waitForPrintedPdf } from './cups-pdf-output';
import { decodeBarcodes, pdfText, requireTools } from './pdf-tools';
import { sampleReceipt } from './receipt-fixtures';

const PRINTER = TEST_PRINTER;

async function expectAppError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe('print queue (real CUPS with a cups-pdf virtual printer)', () => {
  const printed: string[] = [];

  beforeAll(() => {
    // CI installs cups, printer-driver-cups-pdf, poppler-utils and zbar-tools; without them this must fail, not skip.
    requireTools('cupsd', 'lpadmin', 'lp', 'lpstat', 'pdftotext', 'pdftoppm', 'zbarimg');
    try {
      setupCupsPdfPrinter(PRINTER);
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(
        `could not set up the CUPS PDF printer with setup-cups-pdf.sh: ${stderr || String(error)}`,
      );
    }
  });

  afterAll(async () => {
    for (const file of printed) await rm(file, { force: true });
  });

  it('lists the test printer', async () => {
    const printers = await createPrintQueue().listPrinters();
    expect(printers.map((p) => p.name)).toContain(PRINTER);
    expect(printers.filter((p) => p.isDefault).length).toBeLessThanOrEqual(1);
  });

  it('prints a receipt through lp; the printed PDF carries the sale number as text and as a decodable barcode', async () => {
    const marker = `RefillTest${randomBytes(6).toString('hex')}`;
    const saleNumber = 'T7K2-004711';
    const pdf = await renderReceiptPdf(sampleReceipt('KWD', { saleNumber, status: 'queued' }), {
      paper: '80mm',
    });

    const job = await createPrintQueue().printPdf(pdf, {
      printer: PRINTER,
      title: `${marker} ${saleNumber}`,
    });
    expect(job.printer).toBe(PRINTER);
    expect(job.jobId).toMatch(new RegExp(`^${PRINTER}-\\d+$`));

    const file = await waitForPrintedPdf(marker);
    printed.push(file);
    // An English receipt is set in the standard fonts, so the printed copy keeps its text. (CUPS turns a job into
    // PostScript on the way to cups-pdf, which drops an embedded font's Unicode map: a Russian copy prints its glyphs
    // but reads back as noise, so its labels are checked on the PDF handed to lp, in printout-language.test.ts.)
    const text = (await pdfText(file)).replace(/[ \t]+/g, ' ');
    expect(text).toContain('PAID - TOP-UP ON ITS WAY');
    expect(text).toContain('TOTAL KWD 3,001.260');
    expect(text).toContain(saleNumber);
    expect(await decodeBarcodes(file)).toEqual([saleNumber]);
  });

  it('answers printer_not_found for an unknown printer', async () => {
    const pdf = await renderReceiptPdf(sampleReceipt(), { paper: '58mm' });
    await expectAppError(
      createPrintQueue().printPdf(pdf, {
        printer: `NoSuchPrinter${randomBytes(4).toString('hex')}`,
        title: 'x',
      }),
      'printer_not_found',
    );
    await expectAppError(
      createPrintQueue().printPdf(pdf, { printer: '-o evil', title: 'x' }),
      'printer_not_found',
    );
  });

  it('answers print_system_missing when lp is not installed', async () => {
    const queue = createPrintQueue({ cups: { lp: '/nonexistent/lp', lpstat: '/nonexistent/lpstat' } });
    const pdf = await renderReceiptPdf(sampleReceipt(), { paper: '58mm' });
    await expectAppError(queue.printPdf(pdf, { printer: PRINTER, title: 'x' }), 'print_system_missing');
    await expectAppError(queue.listPrinters(), 'print_system_missing');
  });

  it('rejects a bad copy count before printing', async () => {
    const pdf = await renderReceiptPdf(sampleReceipt(), { paper: '58mm' });
    await expectAppError(
      createPrintQueue().printPdf(pdf, { printer: PRINTER, title: 'x', copies: 0 }),
      'print_failed',
    );
  });
});

describe('savePdf', () => {
  it('writes the bytes, and answers save_failed for a missing folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refill-save-'));
    try {
      const pdf = await renderReceiptPdf(sampleReceipt(), { paper: '80mm' });
      const path = join(dir, 'receipt.pdf');
      await savePdf(path, pdf);
      expect(Buffer.compare(await readFile(path), pdf)).toBe(0);
      expect(await readdir(dir)).toEqual(['receipt.pdf']);
      await expectAppError(savePdf(join(dir, 'missing', 'receipt.pdf'), pdf), 'save_failed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
