import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../core/i18n/en';
import { ru } from '../../../core/i18n/ru';
import type { SheetOptions } from '../../../main/vouchers/voucher-sheet-types';
import { VoucherTextFormat } from '../../../main/vouchers/voucher-text-format';
import { requireTools } from '../printing/pdf-tools';
import { testCards, testSerial } from './voucher-fixtures';
import { decodePages, pdfLayoutText, renderToFile, tempDir } from './voucher-pdf-check';

const run = promisify(execFile);
const count = (text: string, needle: string) => text.split(needle).length - 1;
/** Spaces of every kind (ru-RU groups digits with no-break spaces) as one plain space. */
const squash = (text: string) => text.replace(/[ \t\u00a0\u202f]+/g, ' ');

describe('a voucher sheet in Russian', () => {
  let temp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    requireTools('pdftotext', 'pdftoppm', 'zbarimg', 'pdffonts');
    temp = await tempDir();
  });
  afterAll(() => temp?.dispose());

  const cases = [
    { preset: 'card-10', serial: ru.voucher.serial, expiry: ru.voucher.validUntil },
    { preset: 'labels-21', serial: ru.voucher.serial, expiry: ru.voucher.expiryShort },
    { preset: 'dense-50', serial: ru.voucher.serialShort, expiry: ru.voucher.expiryShort },
  ] as const;

  it.each(cases)(
    '$preset: Cyrillic labels and stamps, amounts and dates in ru-RU, DejaVu embedded, serials scan',
    async ({ preset, serial, expiry }) => {
      const n = 7;
      const file = join(temp.dir, `ru-${preset}.pdf`);
      const options: SheetOptions = {
        paper: 'A4',
        preset,
        barcode: 'code128',
        cutMarks: true,
        language: 'ru',
        locale: 'ru-RU',
        timeZone: 'UTC',
        copy: { reason: 'замятие бумаги' },
        notYetValid: true,
      };
      await renderToFile(testCards(n), options, file);
      const text = squash(await pdfLayoutText(file));
      expect(count(text, ru.voucher.pin)).toBe(n);
      expect(count(text, ru.voucher.copy)).toBe(n);
      expect(count(text, ru.voucher.notYetValid)).toBe(n);
      const format = new VoucherTextFormat('ru-RU', 'UTC');
      expect(text).toContain(`${serial} ${testSerial(1)}`);
      expect(text).toContain(`${expiry} ${squash(format.expiry('2027-11-30T23:59:59Z'))}`);
      expect(text).toContain(squash(format.amount(1500, 'USD')));
      expect(squash(format.amount(1500, 'USD'))).toBe('15,00 $');
      for (const english of [en.voucher.copy, en.voucher.notYetValid, 'Valid until', 'Serial'])
        expect(text).not.toContain(english);
      const { stdout: fonts } = await run('pdffonts', [file]);
      expect(fonts).toContain('DejaVuSans-Bold');
      expect(fonts).not.toContain('Helvetica');
      if (preset !== 'dense-50') {
        const serials = await decodePages(file, temp.dir);
        expect([...serials].sort()).toEqual(Array.from({ length: n }, (_, i) => testSerial(i + 1)).sort());
      }
    },
  );
});
