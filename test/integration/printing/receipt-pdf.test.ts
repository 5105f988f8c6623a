import { writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGLISH_PRINT } from '../../../main/printing/print-localization';
import { renderReceiptPdf, type ReceiptPaper, type ReceiptStatus } from '../../../main/printing/receipt-pdf';
import { decodeBarcodes, pdfPageSize, pdfText, requireTools } from './pdf-tools';
import { FULL_ACCOUNT, LONG_PACKAGE_NAME, sampleReceipt } from './receipt-fixtures';

const PT_PER_MM = 72 / 25.4;

/** Collapses runs of spaces so `-layout` column gaps do not matter. */
const squash = (text: string) => text.replace(/[ \t]+/g, ' ');

beforeAll(() => {
  requireTools('pdftotext', 'pdftoppm', 'pdfinfo', 'zbarimg');
});

describe('receipt PDF', () => {
  const cases: { paper: ReceiptPaper; status: ReceiptStatus; copy: boolean }[] = [];
  for (const paper of ['58mm', '80mm'] as const)
    for (const status of ['confirmed', 'queued'] as const)
      for (const copy of [false, true]) cases.push({ paper, status, copy });

  it.each(cases)(
    '$paper $status copy=$copy: text, masking, status and barcode',
    async ({ paper, status, copy }) => {
      const receipt = sampleReceipt('USD', { status });
      const pdf = await renderReceiptPdf(receipt, { paper, copy });
      const text = await pdfText(pdf);
      const flat = squash(text);

      expect(flat).toContain('Corner Mobile Shop');
      expect(flat).toContain('12 High Street, Springfield');
      expect(flat).toContain('Counter 2');
      expect(flat).toContain('Amira Haddad');
      // The time as the terminal's locale writes it (en-US here), in the machine's time zone.
      expect(flat).toContain(squash(ENGLISH_PRINT.fmt.dateTime(receipt.time)));
      expect(flat).toContain('T7K2-000123');

      // Accounts: masked, last 4 kept, never whole (not even with the spaces dropped).
      expect(flat).toContain('\u2022'.repeat(8) + '1234');
      expect(flat).toContain('5678');
      const digitsOnly = text.replace(/\D/g, '');
      expect(digitsOnly).not.toContain(FULL_ACCOUNT);
      expect(digitsOnly).not.toContain('447700905678');
      expect(flat).not.toContain('7700 905678');

      expect(flat).toMatch(/2 x USD 1,250\.50 USD 2,501\.00/);
      expect(flat).toMatch(/TOTAL USD 3,001\.25/);
      expect(flat).toMatch(/Tendered USD 5,000\.00/);
      expect(flat).toMatch(/Change USD 1,998\.75/);

      if (status === 'confirmed') {
        expect(flat).toContain('CONFIRMED ONLINE');
        expect(flat).not.toContain('QUEUED');
      } else {
        expect(flat).toContain('PAID - TOP-UP ON ITS WAY');
        expect(flat).not.toContain('CONFIRMED');
      }
      expect(text.includes('COPY')).toBe(copy);

      const size = await pdfPageSize(pdf);
      expect(size.width).toBeCloseTo((paper === '58mm' ? 58 : 80) * PT_PER_MM, 1);
      expect(await decodeBarcodes(pdf)).toEqual(['T7K2-000123']);
    },
  );

  it.each([
    [
      'JPY',
      [
        '2 x JPY 1,250 JPY 2,500',
        '1 x JPY 500 JPY 500',
        'TOTAL JPY 3,000',
        'Tendered JPY 5,000',
        'Change JPY 2,000',
      ],
    ],
    [
      'USD',
      [
        '2 x USD 1,250.50 USD 2,501.00',
        '1 x USD 500.25 USD 500.25',
        'TOTAL USD 3,001.25',
        'Tendered USD 5,000.00',
        'Change USD 1,998.75',
      ],
    ],
    [
      'KWD',
      [
        '2 x KWD 1,250.505 KWD 2,501.010',
        '1 x KWD 500.250 KWD 500.250',
        'TOTAL KWD 3,001.260',
        'Tendered KWD 5,000.000',
        'Change KWD 1,998.740',
      ],
    ],
  ])('%s amounts print with the currency’s decimals on both widths', async (currency, expected) => {
    for (const paper of ['58mm', '80mm'] as const) {
      const flat = squash(await pdfText(await renderReceiptPdf(sampleReceipt(currency), { paper })));
      for (const line of expected) expect(flat).toContain(line);
    }
  });

  it('wraps a long package name instead of running off the roll', async () => {
    for (const paper of ['58mm', '80mm'] as const) {
      const text = await pdfText(await renderReceiptPdf(sampleReceipt(), { paper }));
      const words = squash(text).replace(/\s+/g, ' ');
      expect(words).toContain(LONG_PACKAGE_NAME);
      // No single extracted line holds the whole name: it was broken over lines.
      expect(text.split('\n').some((line) => line.includes(LONG_PACKAGE_NAME))).toBe(false);
    }
  });

  it('decodes longer and numeric-only sale numbers on the narrow roll', async () => {
    for (const saleNumber of ['T7K2-000000123456', '0000123456', 'ABCD-EFGH-123456']) {
      const pdf = await renderReceiptPdf(sampleReceipt('USD', { saleNumber }), { paper: '58mm' });
      expect(await decodeBarcodes(pdf)).toEqual([saleNumber]);
    }
  });

  it('is deterministic: same data, same bytes', async () => {
    const a = await renderReceiptPdf(sampleReceipt(), { paper: '80mm', copy: true });
    const b = await renderReceiptPdf(sampleReceipt(), { paper: '80mm', copy: true });
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('writes sample PNGs for eyeballing (/tmp/receipt-80.png, /tmp/receipt-58.png)', async () => {
    for (const paper of ['80mm', '58mm'] as const) {
      const pdf = await renderReceiptPdf(
        sampleReceipt('USD', { status: paper === '58mm' ? 'queued' : 'confirmed' }),
        {
          paper,
          copy: paper === '58mm',
        },
      );
      await writeFile(`/tmp/receipt-${paper.slice(0, 2)}.pdf`, pdf);
      expect(await decodeBarcodes(pdf, `/tmp/receipt-${paper.slice(0, 2)}.png`)).toEqual(['T7K2-000123']);
    }
  });
});
