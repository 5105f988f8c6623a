/**
 * Shared body of the voucher sheet benchmarks (`sheet`, `sheet-qr`): a 10,000-card A4 card-10 sheet rendered by
 * `renderVoucherSheet` (barcodes encoded in worker threads while pages are written), next to two figures measured in
 * the same run: the floor (the same sheet without barcodes: pdfkit text alone) and the naive way (each barcode a PNG
 * from `bwipjs.toBuffer`, embedded as an image, on the main thread; fewer cards, scaled per card).
 */
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import bwipjs from 'bwip-js/node';
import PDFDocument from 'pdfkit';
import { en } from '../../core/i18n/en';
import { registerPrintFonts } from '../../main/printing/print-fonts';
import { VoucherCardPainter } from '../../main/vouchers/voucher-card-painter';
import { layoutSheet } from '../../main/vouchers/voucher-layout';
import { renderVoucherSheet } from '../../main/vouchers/voucher-sheet-renderer';
import type { SheetBarcode, SheetOptions, VoucherCard } from '../../main/vouchers/voucher-sheet-types';
import { VoucherTextFormat } from '../../main/vouchers/voucher-text-format';
import { testCards } from '../integration/vouchers/voucher-fixtures';
import { benchLine, median, spreadText } from './bench-stats';

const N = Number(process.env.BENCH_N ?? 10_000);
const PNG_N = Number(process.env.BENCH_PNG_N ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** A sink that counts bytes (no disk noise in the figures). */
class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

function sheetOptions(barcode: SheetBarcode): SheetOptions {
  return {
    paper: 'A4',
    preset: 'card-10',
    barcode,
    cutMarks: true,
    shopName: 'Corner Phone Shop',
    instructions: 'To top up dial *123*PIN# or use the app. Keep this card until used. No refunds.',
  };
}

/** The same page loop as the renderer, on the main thread only: `none` draws no barcode, `png` embeds PNGs. */
async function renderMainThread(
  cards: Iterable<VoucherCard>,
  options: SheetOptions,
  mode: 'none' | 'png',
  out: Writable,
): Promise<void> {
  const layout = layoutSheet({ ...options, hasLogo: false, hasShopName: true, hasInstructions: true });
  const doc = new PDFDocument({ autoFirstPage: false, info: { Title: 'Voucher sheet' } });
  registerPrintFonts(doc);
  let needDrain = false;
  doc.on('data', (chunk: Buffer) => {
    if (!out.write(chunk)) needDrain = true;
  });
  const painter = new VoucherCardPainter(doc, layout, new VoucherTextFormat(), {
    barcode: options.barcode,
    shopName: options.shopName,
    instructions: options.instructions,
    texts: en.voucher,
  });
  let page: VoucherCard[] = [];
  const flush = async () => {
    doc.addPage({ size: [layout.pageWidth, layout.pageHeight], margin: 0 });
    painter.drawCutMarks();
    for (let i = 0; i < page.length; i++) {
      painter.drawCardText(i, page[i]!);
      if (mode === 'png') {
        const box = painter.barcodeBox(i);
        const png = await bwipjs.toBuffer({
          bcid: options.barcode === 'qr' ? 'qrcode' : 'code128',
          text: page[i]!.serial,
          scale: 3,
          height: 10,
          eclevel: 'M',
        } as Parameters<typeof bwipjs.toBuffer>[0]);
        doc.image(png, box.x, box.y, { fit: [box.width, box.height] });
      }
    }
    doc.flushPages();
    page = [];
    if (needDrain) {
      needDrain = false;
      await new Promise((resolve) => out.once('drain', resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const card of cards) {
    page.push(card);
    if (page.length === layout.cardsPerPage) await flush();
  }
  if (page.length > 0) await flush();
  const ended = new Promise((resolve) => doc.once('end', resolve));
  doc.end();
  await ended;
  await new Promise<void>((resolve) => out.end(resolve));
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

/** Runs one sheet benchmark and prints its figures and BENCH line. */
export async function runSheetBench(name: string, barcode: SheetBarcode): Promise<void> {
  const options = sheetOptions(barcode);
  // Warm-up: JIT, font metrics, module loading.
  await renderVoucherSheet(testCards(200), options, new CountingSink());
  await renderMainThread(testCards(200), options, 'none', new CountingSink());

  const seconds: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const sink = new CountingSink();
    seconds.push(await timed(async () => void (await renderVoucherSheet(testCards(N), options, sink))));
    const floorSink = new CountingSink();
    floor.push(await timed(() => renderMainThread(testCards(N), options, 'none', floorSink)));
    console.log(
      `round ${round + 1}: ${N} cards with ${barcode} in workers ${seconds[round]!.toFixed(2)} s ` +
        `(${(sink.bytes / 1e6).toFixed(1)} MB); no barcodes ${floor[round]!.toFixed(2)} s ` +
        `(${(floorSink.bytes / 1e6).toFixed(1)} MB)`,
    );
  }
  const pngSink = new CountingSink();
  const pngRaw = await timed(() => renderMainThread(testCards(PNG_N), options, 'png', pngSink));
  const pngScaled = (pngRaw * N) / PNG_N;
  console.log(
    `naive PNG barcodes (bwipjs.toBuffer + doc.image): ${PNG_N} cards in ${pngRaw.toFixed(2)} s ` +
      `(${(pngSink.bytes / 1e6).toFixed(1)} MB), scaled per card to ${N} cards: ${pngScaled.toFixed(1)} s`,
  );
  const s = median(seconds);
  const floorS = median(floor);
  console.log(
    `${N} cards: ${s.toFixed(2)} s, ${Math.round(N / s)} cards/s (median of ${ROUNDS}); floor ${floorS.toFixed(2)} s, ` +
      `${Math.round(N / floorS)} cards/s; png ${pngScaled.toFixed(1)} s, ${Math.round(N / pngScaled)} cards/s`,
  );
  const ratio = s / floorS;
  const pngRatio = pngScaled / s;
  console.log(
    `targets: ratio <= 1.5 (${ratio <= 1.5 ? 'met' : 'NOT met'}), png_ratio >= 10 (${pngRatio >= 10 ? 'met' : 'NOT met'})`,
  );
  console.log(`sheet: ${spreadText(seconds, 's', 2)}; floor (no barcodes): ${spreadText(floor, 's', 2)}`);
  console.log(
    benchLine(name, 'memory', { s, floor_s: floorS, png_s: pngScaled, png_ratio: pngRatio, ratio }),
  );
}
