// The /node entry: the package root only resolves under the "node" export condition, which tsc does not use here.
import bwipjs from 'bwip-js/node';
import { encodeCode128 } from './code128-encoding';

/** Quiet zone on each side of a Code 128 symbol, in modules (the symbology asks for at least 10). */
export const CODE128_QUIET_ZONE_MODULES = 10;

/** Where and how big to draw a Code 128 symbol; all lengths in PDF points. */
export interface Code128Box {
  /** Left edge of the box, quiet zones included. */
  readonly x: number;
  /** Top edge of the box. */
  readonly y: number;
  /** Box width, quiet zones included; the module width is derived so the symbol fits. */
  readonly width: number;
  /** Box height: bars plus the human-readable text under them (when shown). */
  readonly height: number;
  /** Print the encoded text under the bars (default true). */
  readonly showText?: boolean;
  /** Font size of the human-readable text (default: a fifth of the box height, capped at 9 pt). */
  readonly textSize?: number;
  /**
   * Printer dot pitch in points (e.g. 72/203 for a 203 dpi thermal head). When set, the module width is rounded
   * down to whole dots so every bar prints the same width; the symbol is then centred in the box.
   */
  readonly dotPitch?: number;
}

/** What was drawn, for the caller's layout and for checks. */
export interface Code128Drawn {
  /** Width of one module in points. */
  readonly moduleWidth: number;
  /** Modules in the symbol, quiet zones excluded. */
  readonly modules: number;
  /** Left edge of the first bar. */
  readonly barsX: number;
  /** Height of the bars. */
  readonly barHeight: number;
}

/** The pdfkit calls this module needs: lets a test or another PDF writer stand in for a PDFKit.PDFDocument. */
export type VectorTarget = Pick<
  PDFKit.PDFDocument,
  'rect' | 'fill' | 'save' | 'restore' | 'font' | 'fontSize' | 'text' | 'widthOfString'
>;

interface RawSymbol {
  readonly sbs: readonly number[];
}

/**
 * The alternating bar/space widths (in modules, bar first) of `text` as Code 128: printable ASCII (every serial and
 * sale number) by `encodeCode128`, which gives the same symbol as bwip-js in microseconds; any other text from
 * bwip-js's encoder. Uses the default export's `raw` (the named export `raw` of bwip-js 4 is the "raw" symbology).
 */
export function code128Widths(text: string): readonly number[] {
  if (text.length === 0) throw new RangeError('code 128: empty text');
  const fast = encodeCode128(text);
  if (fast) return fast;
  const symbols = bwipjs.raw('code128', text, {}) as readonly Partial<RawSymbol>[];
  const sbs = symbols[0]?.sbs;
  if (!sbs || sbs.length === 0) throw new RangeError(`code 128: no bars for ${JSON.stringify(text)}`);
  return sbs;
}

/** Module count of `text` as Code 128 with both quiet zones: what a box must hold at one module per unit. */
export function code128TotalModules(text: string): number {
  return code128Widths(text).reduce((a, b) => a + b, 0) + 2 * CODE128_QUIET_ZONE_MODULES;
}

/**
 * Draws `text` as a Code 128 symbol of filled rectangles (vector, no image) inside `box`, with the text under it.
 * Bars are one path filled once, so a symbol costs a few hundred bytes and well under a millisecond.
 */
export function drawCode128(doc: VectorTarget, text: string, box: Code128Box): Code128Drawn {
  return drawCode128Widths(doc, text, code128Widths(text), box);
}

/**
 * Draws already-encoded Code 128 bar/space `widths` (from {@link code128Widths}, e.g. computed in a worker thread)
 * like {@link drawCode128}; `text` is only the human-readable line under the bars.
 */
export function drawCode128Widths(
  doc: VectorTarget,
  text: string,
  widths: ArrayLike<number>,
  box: Code128Box,
): Code128Drawn {
  let modules = 0;
  for (let i = 0; i < widths.length; i++) modules += widths[i]!;
  const total = modules + 2 * CODE128_QUIET_ZONE_MODULES;
  let moduleWidth = box.width / total;
  if (box.dotPitch !== undefined && box.dotPitch > 0) {
    const dots = Math.floor(moduleWidth / box.dotPitch);
    if (dots >= 1) moduleWidth = dots * box.dotPitch;
  }
  const showText = box.showText ?? true;
  const textSize = showText ? (box.textSize ?? Math.min(9, box.height / 5)) : 0;
  const textGap = showText ? textSize * 0.3 : 0;
  const barHeight = box.height - textSize - textGap;
  if (barHeight <= 0) throw new RangeError('code 128: box too short for bars and text');

  const barsX = box.x + (box.width - modules * moduleWidth) / 2;
  doc.save();
  let cursor = barsX;
  for (let i = 0; i < widths.length; i++) {
    const w = widths[i]! * moduleWidth;
    if (i % 2 === 0) doc.rect(cursor, box.y, w, barHeight);
    cursor += w;
  }
  doc.fill('black');
  if (showText) {
    doc.font('Courier').fontSize(textSize);
    const textWidth = doc.widthOfString(text);
    doc.text(text, box.x + (box.width - textWidth) / 2, box.y + barHeight + textGap, { lineBreak: false });
  }
  doc.restore();
  return { moduleWidth, modules, barsX, barHeight };
}
