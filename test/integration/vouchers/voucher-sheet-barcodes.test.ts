import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetBarcode, SheetPaper, SheetPreset } from '../../../main/vouchers/voucher-sheet-types';
import { groupPin } from '../../../main/vouchers/voucher-text-format';
import { requireTools } from '../printing/pdf-tools';
import { testCards } from './voucher-fixtures';
import {
  decodeCells,
  decodePages,
  layoutOf,
  pdfInfo,
  pdfLayoutText,
  renderToFile,
  sorted,
  tempDir,
} from './voucher-pdf-check';

const CASES: readonly { preset: SheetPreset; barcode: SheetBarcode; paper: SheetPaper; pinLength: number }[] =
  [
    { preset: 'card-10', barcode: 'code128', paper: 'A4', pinLength: 12 },
    { preset: 'card-10', barcode: 'code128', paper: 'Letter', pinLength: 20 },
    { preset: 'labels-21', barcode: 'code128', paper: 'Letter', pinLength: 16 },
    { preset: 'dense-50', barcode: 'code128', paper: 'A4', pinLength: 12 },
    { preset: 'card-10', barcode: 'qr', paper: 'A4', pinLength: 12 },
    { preset: 'labels-21', barcode: 'qr', paper: 'A4', pinLength: 5 },
    { preset: 'dense-50', barcode: 'qr', paper: 'Letter', pinLength: 20 },
  ];

describe('voucher sheets: every barcode decodes to its serial, PINs are printed grouped and kept out of metadata', () => {
  let temp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    requireTools('pdftoppm', 'pdftotext', 'pdfinfo', 'zbarimg');
    temp = await tempDir();
  });
  afterAll(() => temp?.dispose());

  for (const c of CASES) {
    it(`${c.preset} ${c.barcode} on ${c.paper}, ${c.pinLength}-digit PINs`, async () => {
      const options = {
        paper: c.paper,
        preset: c.preset,
        barcode: c.barcode,
        cutMarks: true,
        shopName: 'Corner Phone Shop',
        instructions: 'Dial *123*PIN# to top up. Keep this card until used.',
      } as const;
      const layout = layoutOf(options);
      // One full page and a partial last page (at least 23 cards).
      const n = Math.max(23, layout.cardsPerPage + 3);
      const cards = [...testCards(n, { pinLength: c.pinLength })];
      const dir = join(temp.dir, `${c.preset}-${c.barcode}-${c.paper}`);
      await import('node:fs/promises').then((fs) => fs.mkdir(dir));
      const pdf = join(dir, 'sheet.pdf');

      const result = await renderToFile(cards, options, pdf);
      expect(result).toEqual({ cards: n, pages: Math.ceil(n / layout.cardsPerPage) });

      const decoded =
        c.barcode === 'code128' ? await decodePages(pdf, dir) : await decodeCells(pdf, dir, layout, n);
      expect(decoded.length).toBe(n);
      expect(sorted(decoded)).toEqual(sorted(cards.map((card) => card.serial)));

      const text = await pdfLayoutText(pdf);
      for (const card of cards) {
        expect(text).toContain(groupPin(card.pin));
        expect(text).toContain(card.serial);
      }
      const info = await pdfInfo(pdf);
      expect(info).toMatch(/Title:\s+Voucher sheet/);
      expect(info).toMatch(new RegExp(`Pages:\\s+${result.pages}\\b`));
      for (const card of cards) {
        expect(info).not.toContain(card.pin);
        expect(info).not.toContain(card.pin.slice(0, 5));
      }
    });
  }
});
