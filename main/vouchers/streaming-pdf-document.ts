import PDFDocument from 'pdfkit';

/** The pdfkit 0.x internals the streaming document touches (not in pdfkit's typings). */
interface PdfkitInternals {
  _offset: number;
  _write(data: string | Uint8Array): void;
  _finalize(): void;
  page?: { dictionary?: { data?: unknown } };
  /** Fonts in use; an embedded font keeps a layout of every distinct word it set (`layoutCache`). */
  _fontFamilies?: Record<string, { layoutCache?: Record<string, unknown>; finalize(): void }>;
}

const base = PDFDocument.prototype as unknown as PdfkitInternals;

/**
 * A pdfkit document tuned for sheets of thousands of pages written as a stream (no `bufferPages`):
 * - a written page's dictionary data is dropped (the page tree only needs its object number): ~2.7 kB a page that
 *   pdfkit would otherwise keep until the end;
 * - an embedded font's layout cache (one entry per distinct word: every serial and PIN group of the sheet) is
 *   emptied at every page, so it holds one page's words, not the whole batch's;
 * - the trailer (cross-reference table: one line per object, 30,000+ for 10,000 pages) is pushed as one chunk
 *   instead of one push per line, which turns a ~300 ms block of the event loop into a few milliseconds.
 * These rely on pdfkit 0.x internals (`_write`, `_finalize`, `page.dictionary`, `_fontFamilies`); the integration
 * tests read the PDFs back with poppler, so an incompatible pdfkit upgrade shows there.
 */
export class StreamingPdfDocument extends PDFDocument {
  /** Lines of the trailer being written, or null outside `_finalize`. */
  private trailer: string[] | null = null;

  constructor(options: PDFKit.PDFDocumentOptions) {
    super({ ...options, bufferPages: false });
  }

  /** Writes the pages added so far and releases what pdfkit would keep of them. */
  override flushPages(): void {
    super.flushPages();
    const page = (this as unknown as PdfkitInternals).page;
    if (page?.dictionary && typeof page.dictionary.data === 'object') page.dictionary.data = {};
    for (const font of Object.values((this as unknown as PdfkitInternals)._fontFamilies ?? {})) {
      if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
    }
  }

  /**
   * The fonts used so far, each once. `finalize()` embeds one (an embedded font's subset: tens of ms); pdfkit's
   * `end()` would embed them all in one go, so the renderer embeds them one per turn first (a font already embedded
   * is skipped by `end()`).
   */
  usedFonts(): readonly { finalize(): void }[] {
    return [...new Set(Object.values((this as unknown as PdfkitInternals)._fontFamilies ?? {}))];
  }

  /** pdfkit's trailer writer, with its writes collected (see {@link StreamingPdfDocument._write}). */
  _finalize(): void {
    this.trailer = [];
    base._finalize.call(this);
  }

  /** pdfkit's writer; during `_finalize` string writes are collected and pushed as one chunk at the end. */
  _write(data: string | Uint8Array): void {
    if (this.trailer && typeof data === 'string') {
      // pdfkit writes strings as Latin-1 bytes plus a newline and counts offsets in bytes.
      this.trailer.push(data, '\n');
      (this as unknown as PdfkitInternals)._offset += data.length + 1;
      return;
    }
    base._write.call(this, data);
  }

  /** Flushes the collected trailer before pdfkit ends the stream. */
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null && this.trailer) {
      const text = this.trailer.join('');
      this.trailer = null;
      super.push(Buffer.from(text, 'latin1'));
    }
    return super.push(chunk, encoding);
  }
}
