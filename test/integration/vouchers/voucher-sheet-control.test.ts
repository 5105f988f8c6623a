import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import bwipjs from 'bwip-js/node';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveEncoderWorkers } from '../../../main/vouchers/barcode-encoder-pool';
import {
  COPY_MARKING,
  NOT_YET_VALID_MARKING,
  renderVoucherSheet,
} from '../../../main/vouchers/voucher-sheet-renderer';
import type { SheetOptions, VoucherCard } from '../../../main/vouchers/voucher-sheet-types';
import { requireTools } from '../printing/pdf-tools';
import { testCards } from './voucher-fixtures';
import { pdfInfo, pdfLayoutText, renderToFile, tempDir } from './voucher-pdf-check';

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** A sink that records how many bytes arrived and when it was destroyed. */
class RecordingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

const base: SheetOptions = { paper: 'A4', preset: 'card-10', barcode: 'code128', cutMarks: true };

describe('voucher sheet markings, cancellation and refusals', () => {
  let temp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    requireTools('pdftotext', 'pdfinfo');
    temp = await tempDir();
  });
  afterAll(() => temp?.dispose());

  for (const preset of ['card-10', 'labels-21', 'dense-50'] as const) {
    it(`${preset}: a reprint of an offline batch says COPY and NOT YET VALID on every card`, async () => {
      const n = 23;
      const pdf = join(temp.dir, `marked-${preset}.pdf`);
      await renderToFile(
        testCards(n),
        { ...base, preset, copy: { reason: 'paper jam, PIN 123456789012 unreadable' }, notYetValid: true },
        pdf,
      );
      const text = await pdfLayoutText(pdf);
      expect(count(text, COPY_MARKING)).toBe(n);
      expect(count(text, NOT_YET_VALID_MARKING)).toBe(n);
      const info = await pdfInfo(pdf);
      // The reason stays out of the PDF (a clerk may quote a PIN in it); the terminal's audit keeps it, masked.
      expect(info).toMatch(/Subject:\s+Prepaid top-up vouchers \(reprint\)/);
      expect(info).not.toContain('paper jam');
      expect(info).not.toContain('123456789012');
    });
  }

  it('an ordinary batch carries no marking', async () => {
    const pdf = join(temp.dir, 'plain.pdf');
    await renderToFile(testCards(12), base, pdf);
    const text = await pdfLayoutText(pdf);
    expect(text).not.toContain(COPY_MARKING);
    expect(text).not.toContain(NOT_YET_VALID_MARKING);
  });

  it('abort midway rejects with an AbortError, stops writing pages and leaves no worker', async () => {
    const controller = new AbortController();
    const sink = new RecordingSink();
    const progress: number[] = [];
    let bytesAtAbort = -1;
    async function* slowCards(): AsyncGenerator<VoucherCard> {
      yield* testCards(5_000);
    }
    const render = renderVoucherSheet(slowCards(), base, sink, {
      signal: controller.signal,
      total: 5_000,
      onProgress(done) {
        progress.push(done);
        if (done === 30) {
          bytesAtAbort = sink.bytes;
          controller.abort();
        }
      },
    });
    await expect(render).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([10, 20, 30]);
    expect(liveEncoderWorkers()).toBe(0);
    expect(sink.destroyed).toBe(true);
    // Nothing after the abort: the page being flushed at abort time is the last one.
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.bytes).toBe(bytesAtAbort);
  });

  it('an already aborted signal rejects before anything starts', async () => {
    const sink = new RecordingSink();
    await expect(
      renderVoucherSheet(testCards(10), base, sink, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(sink.bytes).toBe(0);
    expect(sink.destroyed).toBe(true);
    expect(liveEncoderWorkers()).toBe(0);
  });

  it('refuses a malformed card with a clear error that does not echo the PIN', async () => {
    const cards = [...testCards(14)];
    cards[12] = { ...cards[12]!, pin: '12345678901x' };
    const sink = new RecordingSink();
    const error = await renderVoucherSheet(cards, base, sink).then(
      () => new Error('expected a rejection'),
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ code: 'invalid_card' });
    expect(error.message).toMatch(/card 12 \(serial "101-0000013N"\): PIN must be 5 to 20 digits/);
    expect(error.message).not.toContain('12345678901x');
    expect(liveEncoderWorkers()).toBe(0);
    expect(sink.destroyed).toBe(true);
  });

  it('refuses invalid options, listing each problem', async () => {
    const error = await renderVoucherSheet(
      testCards(1),
      { ...base, preset: 'card-12', copy: { reason: '' } } as unknown as SheetOptions,
      new RecordingSink(),
    ).then(
      () => new Error('expected a rejection'),
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ code: 'invalid_options' });
    expect(error.message).toContain('preset');
    expect(error.message).toContain('copy.reason: a reprint needs a reason');
  });

  it('refuses a grid that does not fit the requested margin', async () => {
    await expect(
      renderVoucherSheet(testCards(1), { ...base, paper: 'Letter', marginMm: 6 }, new RecordingSink()),
    ).rejects.toMatchObject({ code: 'layout_does_not_fit' });
  });

  it('embeds a PNG logo once however many cards and pages show it', async () => {
    const png = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'logo', scale: 2 });
    const pdf = join(temp.dir, 'png-logo.pdf');
    const result = await renderToFile(testCards(25), { ...base, logo: { data: png, kind: 'png' } }, pdf);
    expect(result.pages).toBe(3);
    expect(await pdfLayoutText(pdf)).toContain('101-0000025Z');
    const bytes = (await readFile(pdf)).toString('latin1');
    // One image object (plus its alpha mask, when the PNG has transparency) for 25 cards on 3 pages.
    expect(count(bytes, '/Subtype /Image') - count(bytes, '/SMask ')).toBe(1);
  });

  it('draws a simple SVG logo as vectors and refuses a complex one', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><path d="M0 0H40V20H0Z" fill="#0a6"/>' +
        '<path d="M5 5h10v10H5z" fill="white"/></svg>',
    );
    const pdf = join(temp.dir, 'logo.pdf');
    const result = await renderToFile(testCards(3), { ...base, logo: { data: svg, kind: 'svg' } }, pdf);
    expect(result.pages).toBe(1);
    const complex = Buffer.from('<svg viewBox="0 0 10 10"><text>Shop</text></svg>');
    await expect(
      renderVoucherSheet(
        testCards(1),
        { ...base, logo: { data: complex, kind: 'svg' } },
        new RecordingSink(),
      ),
    ).rejects.toMatchObject({ code: 'unsupported_logo' });
  });
});
