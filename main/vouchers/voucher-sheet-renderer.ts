import { catalogFor } from '../../core/i18n/catalog';
import { en } from '../../core/i18n/en';
import { registerPrintFonts } from '../printing/print-fonts';
import { BarcodeEncoderPool, defaultEncoderPoolSize } from './barcode-encoder-pool';
import { barcodeAt, type EncodedBarcodes } from './barcode-encoding';
import { checkVoucherCard } from './voucher-card-check';
import { VoucherCardPainter, openImage, type OpenedImage, type SheetLogoArt } from './voucher-card-painter';
import { layoutSheet, type SheetFont, type SheetLayout } from './voucher-layout';
import {
  parseSheetOptions,
  VoucherSheetError,
  type SheetOptions,
  type VoucherCard,
} from './voucher-sheet-types';
import { VoucherTextFormat } from './voucher-text-format';
import { StreamingPdfDocument } from './streaming-pdf-document';
import { parseSimpleSvgLogo, type SvgLogo } from './svg-logo';

/** Text of the stamp on every card of a reprint (English; other languages: `m.voucher.copy`). */
export const COPY_MARKING = en.voucher.copy;
/** Text of the stamp on every card of an offline batch the server has not accepted yet (English). */
export const NOT_YET_VALID_MARKING = en.voucher.notYetValid;

/** Progress, cancellation and tuning of one render. */
export interface RenderVoucherSheetControl {
  /** Called after every page with the cards written so far and the expected total when known. */
  onProgress?(done: number, total?: number): void;
  /** Aborting stops at the next page or await: workers are terminated, `out` is destroyed, the promise rejects. */
  signal?: AbortSignal;
  /** Number of cards, when the caller knows it (for progress only). */
  total?: number;
  /** Encoder worker threads (default: available cores - 1, at least 1). */
  workers?: number;
}

/** What was written. */
export interface RenderVoucherSheetResult {
  readonly cards: number;
  readonly pages: number;
}

/** pdfkit output is passed to the stream in pieces of about this size (and at every page end). */
const OUTPUT_BATCH_BYTES = 256 * 1024;

/** The embedded fonts the painter uses. */
const SHEET_FONTS: readonly SheetFont[] = ['Sans', 'Sans-Bold', 'Mono-Bold'];

/** Longest stretch of drawing before the event loop gets a turn (a card is ~0.5 ms of pdfkit work when warm). */
const TURN_BUDGET_MS = 8;

/** Chunks of about this many cards go to the encoder workers (rounded to whole pages). */
const CHUNK_CARDS = 100;

/**
 * Renders a batch of voucher cards as a PDF streamed to `out`, page by page, with the barcodes (of the serials)
 * encoded in worker threads ahead of the page writer. Memory stays flat: only a few chunks are in flight and the
 * writer waits for `out` to drain. Cards are validated as they arrive; a malformed card rejects the render.
 * `out` is ended on success and destroyed on failure or abort.
 */
export async function renderVoucherSheet(
  cards: AsyncIterable<VoucherCard> | Iterable<VoucherCard>,
  options: SheetOptions,
  out: NodeJS.WritableStream,
  control: RenderVoucherSheetControl = {},
): Promise<RenderVoucherSheetResult> {
  const { signal, onProgress, total } = control;
  let opts: SheetOptions;
  let svg: SvgLogo | undefined;
  let layout: SheetLayout;
  try {
    signal?.throwIfAborted();
    opts = parseSheetOptions(options);
    svg = opts.logo?.kind === 'svg' ? parseSimpleSvgLogo(opts.logo.data) : undefined;
    layout = layoutSheet({
      ...opts,
      hasLogo: opts.logo !== undefined,
      hasShopName: opts.shopName !== undefined,
      hasInstructions: opts.instructions !== undefined,
      hasMarking: opts.copy !== undefined || opts.notYetValid === true,
    });
  } catch (error) {
    destroyOutput(out);
    throw error;
  }

  const doc = new StreamingPdfDocument({ autoFirstPage: false, info: sheetInfo(opts) });
  let needDrain = false;
  let streamError: Error | undefined;
  const onOutError = (error: Error) => (streamError ??= error);
  out.on('error', onOutError);
  // pdfkit emits many tiny chunks (each object header, each xref line): hand them to `out` in batches.
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const flushBatch = () => {
    if (batch.length === 0) return;
    const chunk = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batchBytes);
    batch = [];
    batchBytes = 0;
    if (!out.write(chunk)) needDrain = true;
  };
  doc.on('data', (chunk: Buffer) => {
    batch.push(chunk);
    batchBytes += chunk.length;
    if (batchBytes >= OUTPUT_BATCH_BYTES) flushBatch();
  });

  const pool = new BarcodeEncoderPool(control.workers ?? defaultEncoderPoolSize());
  const guard = <T>(p: Promise<T>): Promise<T> => untilAborted(p, signal);
  let turnStarted = performance.now();
  const nextTurn = async () => {
    await guard(new Promise<void>((resolve) => setImmediate(resolve)));
    signal?.throwIfAborted();
    turnStarted = performance.now();
  };
  // Gives the event loop a turn once this one has used its budget (cold JIT, a loaded machine: cards vary 10x).
  const maybeYield = async () => {
    if (performance.now() - turnStarted >= TURN_BUDGET_MS) await nextTurn();
  };
  let pages = 0;
  let written = 0;
  try {
    const logo: SheetLogoArt | undefined =
      opts.logo?.kind === 'png'
        ? { kind: 'png', image: openPngLogo(doc, opts.logo.data) }
        : svg
          ? { kind: 'svg', svg }
          : undefined;
    const texts = catalogFor(opts.language ?? 'en').voucher;
    const marking = [opts.copy ? texts.copy : '', opts.notYetValid ? texts.notYetValid : '']
      .filter((m) => m)
      .join(' · ');
    // Loading a font parses its tables (tens of ms on a cold, loaded machine): one font per turn.
    registerPrintFonts(doc, SHEET_FONTS);
    for (const font of SHEET_FONTS) {
      doc.font(font);
      await nextTurn();
    }
    const painter = new VoucherCardPainter(doc, layout, new VoucherTextFormat(opts.locale, opts.timeZone), {
      barcode: opts.barcode,
      logo,
      shopName: opts.shopName,
      instructions: opts.instructions,
      marking: marking || undefined,
      texts,
    });

    const code128Box = {
      width: layout.card.barcode.width,
      height: layout.card.barcode.height,
      dotPitch: layout.dotPitch,
    };
    const chunkSize = layout.cardsPerPage * Math.max(1, Math.round(CHUNK_CARDS / layout.cardsPerPage));
    const maxInFlight = pool.size * 2 + 1;
    const source = readChunks(cards, chunkSize);
    const queue: { cards: VoucherCard[]; encoded: Promise<EncodedBarcodes> }[] = [];
    let exhausted = false;
    const fill = async () => {
      while (!exhausted && queue.length < maxInFlight) {
        const next = await guard(source.next());
        if (next.done) {
          exhausted = true;
          break;
        }
        const encoded = pool.encode(
          opts.barcode,
          next.value.map((c) => c.serial),
          code128Box,
        );
        encoded.catch(() => undefined); // awaited in order below; avoids an unhandled rejection meanwhile
        queue.push({ cards: next.value, encoded });
      }
    };

    await fill();
    await nextTurn();
    while (queue.length > 0) {
      const item = queue.shift()!;
      const encoded = await guard(item.encoded);
      await fill(); // keep the workers busy while this chunk's pages are written
      for (let start = 0; start < item.cards.length; start += layout.cardsPerPage) {
        signal?.throwIfAborted();
        if (streamError) throw streamError;
        const end = Math.min(item.cards.length, start + layout.cardsPerPage);
        await writePage(doc, layout, painter, item.cards, encoded, start, end, maybeYield);
        flushBatch();
        pages++;
        written += end - start;
        onProgress?.(written, total);
        if (needDrain) {
          needDrain = false;
          await guard(drained(out));
        }
        await nextTurn();
      }
    }
    if (pages === 0) {
      // An empty batch still gives a valid PDF: one blank page.
      doc.addPage({ size: [layout.pageWidth, layout.pageHeight], margin: 0 });
    }
    // Embedding a font's subset takes tens of ms: one font per turn, rather than all at once inside end().
    for (const font of doc.usedFonts()) {
      font.finalize();
      flushBatch();
      await nextTurn();
    }
    const ended = new Promise<void>((resolve) => doc.once('end', resolve));
    doc.end();
    await guard(ended);
    flushBatch();
    await guard(finishOutput(out));
    if (streamError) throw streamError;
    return { cards: written, pages: Math.max(pages, 1) };
  } catch (error) {
    destroyOutput(out);
    throw error;
  } finally {
    out.removeListener('error', onOutError);
    await pool.close();
  }
}

/**
 * Draws one page and writes it out. A dense page (50 cards) is ~25-50 ms of pdfkit work, so the event loop gets a
 * turn whenever the current one has used {@link TURN_BUDGET_MS}; pdfkit keeps the page open meanwhile.
 */
async function writePage(
  doc: PDFKit.PDFDocument,
  layout: SheetLayout,
  painter: VoucherCardPainter,
  cards: readonly VoucherCard[],
  encoded: EncodedBarcodes,
  start: number,
  end: number,
  maybeYield: () => Promise<void>,
): Promise<void> {
  doc.addPage({ size: [layout.pageWidth, layout.pageHeight], margin: 0 });
  painter.drawCutMarks();
  for (let i = start; i < end; i++) {
    if (i > start) await maybeYield();
    painter.drawCard(i - start, cards[i]!, barcodeAt(encoded, i));
  }
  // Without bufferPages a page is written only when the next one starts; flush now so 'data' flows per page.
  doc.flushPages();
}

/**
 * PDF metadata: what the sheet is, never a PIN. A reprint's reason stays out of it (a clerk may quote the PIN in it);
 * the terminal's audit keeps the reason, masked.
 */
function sheetInfo(opts: SheetOptions): PDFKit.DocumentInfo {
  return {
    Title: `Voucher sheet${opts.copy ? ' (COPY)' : ''}`,
    Subject: opts.copy ? 'Prepaid top-up vouchers (reprint)' : 'Prepaid top-up vouchers',
    Keywords: `vouchers, ${opts.preset}, ${opts.paper}, ${opts.barcode}`,
    Creator: 'Refill Desk',
    Producer: 'Refill Desk',
  };
}

/** Pulls cards into chunks of `size`, checking each one. */
async function* readChunks(
  cards: AsyncIterable<VoucherCard> | Iterable<VoucherCard>,
  size: number,
): AsyncGenerator<VoucherCard[]> {
  let chunk: VoucherCard[] = [];
  let index = 0;
  for await (const card of cards) {
    checkVoucherCard(card, index++);
    chunk.push(card);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * `promise`, or a rejection as soon as `signal` aborts. One listener per call, removed when the promise settles:
 * racing every await against one long-lived "aborted" promise would pile up a reaction per await (a leak of ~12 kB
 * a page on a 10,000-page sheet).
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('voucher sheet rendering aborted', 'AbortError');
}

function drained(out: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      out.removeListener('drain', onDrain);
      out.removeListener('error', onError);
      out.removeListener('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (error: Error) => done(error);
    const onClose = () => done(new Error('output stream closed before the sheet was written'));
    out.once('drain', onDrain);
    out.once('error', onError);
    out.once('close', onClose);
  });
}

function finishOutput(out: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}

function destroyOutput(out: NodeJS.WritableStream): void {
  const destroyable = out as NodeJS.WritableStream & { destroy?: (error?: Error) => void };
  // Destroy without an error: the caller gets the error from the promise, not an 'error' event on its stream.
  if (typeof destroyable.destroy === 'function') destroyable.destroy();
  else out.end();
}

/** Opens the PNG logo once for the whole sheet, with a clear error when pdfkit cannot read it. */
function openPngLogo(doc: PDFKit.PDFDocument, data: Uint8Array): OpenedImage {
  try {
    return openImage(doc, Buffer.from(data));
  } catch (error) {
    throw new VoucherSheetError(
      'unsupported_logo',
      `PNG logo cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
