import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { resourceFile } from '../app/resource-files';

/**
 * The fonts printouts are set in. Names are what `doc.font()` takes after {@link registerPrintFonts}: the embedded
 * DejaVu, which has Latin, Cyrillic and Greek; or, for receipts and reports whose every text the standard PDF fonts
 * can write ({@link layoutInPrintFonts}), Helvetica and Courier, which every printer and PDF reader has (nothing to
 * embed, and a CUPS copy keeps its text).
 */
export type PrintFont = 'Sans' | 'Sans-Bold' | 'Mono-Bold';

const FILES: Readonly<Record<PrintFont, string>> = {
  Sans: 'DejaVuSans.ttf',
  'Sans-Bold': 'DejaVuSans-Bold.ttf',
  'Mono-Bold': 'DejaVuSansMono-Bold.ttf',
};

export const PRINT_FONTS = Object.keys(FILES) as readonly PrintFont[];

const STANDARD: Readonly<Record<PrintFont, string>> = {
  Sans: 'Helvetica',
  'Sans-Bold': 'Helvetica-Bold',
  'Mono-Bold': 'Courier-Bold',
};

/** Characters beyond Latin-1 that the standard fonts' WinAnsi encoding has (dashes, quotes, bullet, ellipsis, euro). */
const WIN_ANSI_EXTRA = new Set(
  [
    0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019,
    0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
  ].map((c) => String.fromCodePoint(c)),
);

/** True when the standard PDF fonts (WinAnsi) can write every character of `text`. */
export function fitsStandardFonts(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || c === 0x0a || WIN_ANSI_EXTRA.has(ch))
      continue;
    return false;
  }
  return true;
}

/** Measures a text in a registered print font, points. */
export type PrintMeasure = (text: string, font: PrintFont, size: number) => number;

function measureOn(doc: PDFKit.PDFDocument): PrintMeasure {
  return (text, font, size) => doc.font(font).fontSize(size).widthOfString(text);
}

/**
 * Lays a printout out in the fonts it needs and registers them on `doc`: first with the standard fonts (measured on a
 * scratch document); when every text of that layout fits them, that is the layout. Otherwise (Russian, or a shop name
 * in another script) the embedded DejaVu is registered and the printout laid out again in it.
 */
export function layoutInPrintFonts<L>(
  doc: PDFKit.PDFDocument,
  fonts: readonly PrintFont[],
  layout: (measure: PrintMeasure) => L,
  textsOf: (laidOut: L) => Iterable<string>,
): L {
  const scratch = new PDFDocument({ autoFirstPage: false });
  for (const font of fonts) scratch.registerFont(font, STANDARD[font]);
  const standard = layout(measureOn(scratch));
  let fits = true;
  for (const text of textsOf(standard)) {
    if (!fitsStandardFonts(text)) {
      fits = false;
      break;
    }
  }
  if (fits) {
    for (const font of fonts) doc.registerFont(font, STANDARD[font]);
    return standard;
  }
  registerPrintFonts(doc, fonts);
  return layout(measureOn(doc));
}

/** Font files read once per process (pdfkit parses them per document, and embeds only the glyphs used). */
const data = new Map<PrintFont, Buffer>();

function fontData(font: PrintFont): Buffer {
  let bytes = data.get(font);
  if (!bytes) {
    bytes = readFileSync(resourceFile('fonts', FILES[font]));
    data.set(font, bytes);
  }
  return bytes;
}

/** Registers the print fonts on a pdfkit document so `doc.font('Sans')` and the others use them. */
export function registerPrintFonts(doc: PDFKit.PDFDocument, fonts: readonly PrintFont[] = PRINT_FONTS): void {
  for (const font of fonts) doc.registerFont(font, fontData(font));
}
