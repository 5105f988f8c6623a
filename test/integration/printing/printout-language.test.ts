import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, beforeAll } from 'vitest';
import type { ShiftReport } from '../../../core/contract/types/shifts';
import { localization } from '../../../core/i18n/catalog';
import { en } from '../../../core/i18n/en';
import { ru } from '../../../core/i18n/ru';
import { renderReceiptPdf } from '../../../main/printing/receipt-pdf';
import { renderShiftReportPdf } from '../../../main/shifts/shift-report-pdf';
import { decodeBarcodes, pdfText, requireTools } from './pdf-tools';
import { sampleReceipt } from './receipt-fixtures';

const execFileAsync = promisify(execFile);

/** Spaces of every kind (ru-RU groups digits with no-break spaces) as one plain space. */
const squash = (text: string) => text.replace(/[ \t\u00a0\u202f]+/g, ' ');
/** The words of a text on one line (banners and long labels wrap on the narrow roll). */
const words = (text: string) => text.replace(/\s+/g, ' ');

const russian = localization('ru', null, undefined);

beforeAll(() => {
  requireTools('pdftotext', 'pdftoppm', 'zbarimg');
});

describe('a receipt in Russian', () => {
  it.each(['58mm', '80mm'] as const)(
    '%s: Cyrillic labels from the catalog, money in ru-RU, the barcode scans',
    async (paper) => {
      const receipt = sampleReceipt('USD');
      const pdf = await renderReceiptPdf(receipt, { paper, l10n: russian });
      const flat = squash(await pdfText(pdf));
      const t = ru.receipt;
      const money = (m: { amount: number; currency: string }) =>
        squash(russian.fmt.money(m.amount, m.currency));

      expect(russian.fmt.locale).toBe('ru-RU');
      for (const label of [t.terminal, t.clerk, t.time, t.sale, t.status.confirmed, t.tendered, t.change])
        expect(flat).toContain(label);
      expect(flat).toMatch(/[А-Яа-яЁё]/);
      // The sale's time as ru-RU writes it ("05 янв. 2026 г., 14:03:22"), not the fixed ISO-like form.
      expect(flat).toContain(squash(russian.fmt.dateTime(receipt.time)));
      expect(flat).not.toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(flat).toContain(`${t.total} ${money(receipt.total)}`);
      expect(flat).toContain(`${t.tendered} ${money(receipt.tendered!)}`);
      expect(flat).toContain(`${t.change} ${money(receipt.change!)}`);
      // ru-RU writes the decimal comma and groups with a space: "3 001,25 USD".
      expect(money(receipt.total)).toBe('3 001,25 USD');
      expect(flat).toContain(
        t.quantityTimesPrice({ quantity: '2', unitPrice: money(receipt.lines[0]!.unitPrice) }),
      );
      // No English label is left.
      for (const english of [
        en.receipt.terminal,
        en.receipt.clerk,
        en.receipt.total,
        en.receipt.status.confirmed,
      ])
        expect(flat).not.toContain(english);
      expect(await decodeBarcodes(pdf)).toEqual(['T7K2-000123']);
    },
  );

  it('a refund reprint says so in Russian', async () => {
    const receipt = sampleReceipt('USD', {
      refund: { refundNumber: 'RF-000007', time: new Date(2026, 0, 6, 9, 0, 0) },
    });
    const flat = words(
      await pdfText(await renderReceiptPdf(receipt, { paper: '80mm', copy: true, l10n: russian })),
    );
    for (const label of [
      ru.receipt.copy,
      ru.receipt.refundBanner,
      ru.receipt.refunded,
      ru.receipt.originalSale,
    ])
      expect(flat).toContain(label);
    expect(flat).toContain(ru.receipt.cashBack);
  });
});

describe('a Z-report in Russian', () => {
  const report: ShiftReport = {
    kind: 'Z',
    terminalName: 'Касса 2',
    generatedAt: '2026-01-05T18:00:00.000Z',
    shift: {
      id: '0190a4b2-0000-7000-8000-000000000010',
      number: 12,
      state: 'closed',
      currency: 'USD',
      openedAt: '2026-01-05T08:00:00.000Z',
      openedBy: '0190a4b2-0000-7000-8000-000000000011',
      openedByName: 'Ольга',
      implicit: false,
      float: 10_000,
      closedAt: '2026-01-05T18:00:00.000Z',
      closedByName: 'Ольга',
      zNumber: 'Z-000012',
      expected: 123_450,
      counted: 123_375,
      difference: -75,
      sync: 'synced',
      syncMessage: null,
    },
    float: 10_000,
    salesCount: 42,
    salesAmount: 118_450,
    voidCount: 1,
    refundCount: 1,
    refundAmount: 2_000,
    cashIn: 2_000,
    cashOut: 5_000,
    expected: 123_450,
    byClerk: [
      {
        clerkId: '0190a4b2-0000-7000-8000-000000000011',
        clerkName: 'Ольга',
        salesCount: 42,
        salesAmount: 118_450,
        voidCount: 1,
        refundCount: 1,
        refundAmount: 2_000,
        cashIn: 2_000,
        cashOut: 5_000,
      },
    ],
    floatCount: null,
    closeCount: {
      kind: 'denominations',
      pieces: [
        { value: 10_000, count: 12 },
        { value: 375, count: 1 },
      ],
    },
  };

  it.each(['58mm', '80mm'] as const)(
    '%s: Cyrillic labels from the catalog, money in ru-RU, the Z number barcoded',
    async (paper) => {
      const pdf = await renderShiftReportPdf(report, { shopName: 'Связь у дома' }, paper, russian);
      const text = await pdfText(pdf);
      await writeFile(`/tmp/z-report-ru-${paper}.pdf`, pdf);
      const flat = squash(text);
      const all = words(text);
      const t = ru.shiftReport;
      const money = (n: number) => squash(russian.fmt.money(n, 'USD'));

      expect(flat).toContain('Связь у дома');
      for (const label of [t.zBanner, t.terminal, t.float, t.cashSales, t.cashIn, t.cashOut, t.byClerk])
        expect(all).toContain(label);
      expect(flat).toContain(`${t.expectedCash} ${money(123_450)}`);
      expect(flat).toContain(`${t.countedCash} ${money(123_375)}`);
      expect(flat).toContain(`${t.difference({ label: t.differenceLabel.short })} ${money(-75)}`);
      expect(flat).toContain(`${t.salesCount} 42`);
      expect(money(123_450)).toBe('1 234,50 USD');
      expect(flat).toContain(t.pieces({ count: '12', value: money(10_000) }));
      expect(flat).not.toContain(en.shiftReport.zBanner);
      expect(await decodeBarcodes(pdf)).toEqual(['Z-000012']);
    },
  );

  it('in English it prints exactly as before (labels and "USD 1,234.50")', async () => {
    const flat = squash(
      await pdfText(
        await renderShiftReportPdf(
          report,
          { shopName: 'Corner Shop' },
          '80mm',
          localization('en', 'en-US', undefined),
        ),
      ),
    );
    for (const line of [
      'Z-REPORT - SHIFT CLOSED',
      'Expected cash USD 1,234.50',
      'Counted cash USD 1,233.75',
      'Difference (short) -USD 0.75',
      'Refunds (1) -USD 20.00',
      '12 x USD 100.00 USD 1,200.00',
    ])
      expect(flat).toContain(line);
  });
});

/** The fonts of a PDF as `pdffonts` lists them: name and whether it is embedded. */
async function pdfFonts(pdf: Uint8Array): Promise<{ name: string; embedded: boolean }[]> {
  const dir = await mkdtemp(join(tmpdir(), 'fonts-'));
  try {
    const file = join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const { stdout } = await execFileAsync('pdffonts', [file]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const cols = line.trim().split(/\s+/);
        // name type [encoding words] emb sub uni object-id gen: emb is the 5th column from the end.
        return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
      });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the fonts a receipt is set in', () => {
  it('English uses the standard fonts every printer has (nothing embedded, so a CUPS copy keeps its text)', async () => {
    const fonts = await pdfFonts(await renderReceiptPdf(sampleReceipt('USD'), { paper: '80mm' }));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => f.embedded)).toEqual([]);
    expect(fonts.map((f) => f.name)).toContain('Helvetica');
  });

  it('Russian embeds DejaVu', async () => {
    const fonts = await pdfFonts(
      await renderReceiptPdf(sampleReceipt('USD'), { paper: '80mm', l10n: russian }),
    );
    expect(fonts.filter((f) => !f.embedded && !/Courier/.test(f.name))).toEqual([]);
    expect(fonts.some((f) => /DejaVuSans/.test(f.name) && f.embedded)).toBe(true);
  });

  it('an English receipt whose shop name is in another script embeds DejaVu too, and prints the name', async () => {
    const receipt = sampleReceipt('USD', { shopName: 'Связь у дома' });
    const pdf = await renderReceiptPdf(receipt, { paper: '58mm' });
    const fonts = await pdfFonts(pdf);
    expect(fonts.some((f) => /DejaVuSans/.test(f.name) && f.embedded)).toBe(true);
    expect(squash(await pdfText(pdf))).toContain('Связь у дома');
  });
});
