import type { voucher } from '../../core/i18n/en/voucher';
import type { PrintFont } from '../printing/print-fonts';
import {
  VoucherSheetError,
  type SheetBarcode,
  type SheetPaper,
  type SheetPreset,
} from './voucher-sheet-types';

/** PDF points per millimetre (1 pt = 1/72 inch). */
export const PT_PER_MM = 72 / 25.4;

/** Converts millimetres to PDF points. */
export function mm(value: number): number {
  return value * PT_PER_MM;
}

/** A rectangle in PDF points, origin at the page's top-left corner (pdfkit's convention), y growing down. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One straight crop-mark stroke, in page points. */
export interface CutMark {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** The embedded fonts the sheet uses (DejaVu: every language the terminal prints in). */
export type SheetFont = Extract<PrintFont, 'Sans' | 'Sans-Bold' | 'Mono-Bold'>;

/** Which catalog text a card labels its serial and expiry with (`m.voucher.serial`, …). */
export type SheetLabel = keyof Pick<typeof voucher, 'serial' | 'validUntil' | 'serialShort' | 'expiryShort'>;

/**
 * Where one line of text goes inside a card: top-left of the line box, the width it may take and its size.
 * `align: 'right'` puts the text's right edge at `x + width`. `minSize` lets the renderer shrink a text that does
 * not fit (the PIN of 20 digits) down to that size rather than clip it.
 */
export interface TextSlot {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
  readonly minSize: number;
  readonly font: SheetFont;
  readonly align: 'left' | 'right';
}

/** A block of wrapped lines (the instructions). */
export interface ParagraphSlot extends TextSlot {
  readonly maxLines: number;
  readonly lineHeight: number;
}

/** Every element of one card, in points relative to the card's trim box top-left corner. */
export interface CardSlots {
  readonly logo?: Rect;
  readonly shopName?: TextSlot;
  readonly amount: TextSlot;
  /** COPY / NOT YET VALID stamp: a filled box with white text in the header, clear of the amount and the PIN. */
  readonly marking: TextSlot;
  readonly pinLabel: TextSlot;
  readonly pin: TextSlot;
  readonly serial: TextSlot;
  readonly expiry: TextSlot;
  readonly instructions?: ParagraphSlot;
  /** Barcode box, quiet zones included. */
  readonly barcode: Rect;
  /** Short labels for dense cards ("S/N", "Exp.") or spelled out ("Serial", "Valid until"): catalog keys. */
  readonly labels: { readonly serial: SheetLabel; readonly expiry: SheetLabel };
}

/** The geometry of every page of a sheet. */
export interface SheetLayout {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly columns: number;
  readonly rows: number;
  readonly cardsPerPage: number;
  /** Trim boxes (where the guillotine cuts), row by row, left to right. */
  readonly cells: readonly Rect[];
  /** Trim boxes grown by the bleed (equal to `cells` when there is no bleed). */
  readonly bleedCells: readonly Rect[];
  readonly cardWidth: number;
  readonly cardHeight: number;
  readonly bleed: number;
  /** Crop marks, all in the page margin outside every card and its bleed. */
  readonly cutMarks: readonly CutMark[];
  readonly card: CardSlots;
  /** Barcode modules are rounded down to whole dots of this pitch (300 dpi) so bars print evenly. */
  readonly dotPitch: number;
  /** Things the operator should know (e.g. no room for some crop marks on this paper). */
  readonly warnings: readonly string[];
}

/** What decides a sheet's geometry. */
export interface SheetLayoutInput {
  readonly paper: SheetPaper;
  readonly preset: SheetPreset;
  readonly barcode: SheetBarcode;
  readonly marginMm?: number;
  readonly bleedMm?: number;
  readonly cutMarks: boolean;
  readonly hasLogo: boolean;
  readonly hasShopName: boolean;
  readonly hasInstructions: boolean;
  /** Cards carry a COPY / NOT YET VALID stamp (card-10 with a logo moves it to the foot). */
  readonly hasMarking?: boolean;
}

/** Paper sizes in points (A4 210x297 mm, Letter 8.5x11 in). */
export const PAPER_SIZE: Readonly<Record<SheetPaper, { readonly width: number; readonly height: number }>> = {
  A4: { width: mm(210), height: mm(297) },
  Letter: { width: 612, height: 792 },
};

/** Grid and card size of each preset, in mm. */
export const PRESET_GRID: Readonly<
  Record<SheetPreset, { readonly columns: number; readonly rows: number; readonly cardMm: [number, number] }>
> = {
  'card-10': { columns: 2, rows: 5, cardMm: [85, 55] },
  'labels-21': { columns: 3, rows: 7, cardMm: [63.5, 38.1] },
  'dense-50': { columns: 5, rows: 10, cardMm: [38, 26] },
};

/** Dot pitch of a 300 dpi printer, the coarsest the barcodes must scan at. */
export const DOT_PITCH_300DPI = 72 / 300;
/** Gap between a card's bleed edge and the start of a crop mark. */
const MARK_GAP = mm(1.5);
/** Longest crop mark. */
const MARK_LENGTH = mm(5);
/** Shortest crop mark worth drawing. */
const MARK_MIN = mm(1);
/** Crop marks stop this far from the paper edge when no margin is given (printers do not print to the edge). */
const DEFAULT_EDGE_KEEP = mm(1);

/**
 * Computes the page grid, crop marks and card slots of a sheet. Pure: the same input gives the same layout.
 * Throws `layout_does_not_fit` when the grid (with bleed) does not fit inside the requested margin.
 */
export function layoutSheet(input: SheetLayoutInput): SheetLayout {
  const page = PAPER_SIZE[input.paper];
  const grid = PRESET_GRID[input.preset];
  const cardWidth = mm(grid.cardMm[0]);
  const cardHeight = mm(grid.cardMm[1]);
  const bleed = mm(input.bleedMm ?? 0);
  const margin = mm(input.marginMm ?? 0);
  // Each card owns its bleed, so neighbours are 2 x bleed apart and there are two cuts per gap.
  const pitchX = cardWidth + 2 * bleed;
  const pitchY = cardHeight + 2 * bleed;
  const gridWidth = grid.columns * pitchX;
  const gridHeight = grid.rows * pitchY;
  const spareX = (page.width - gridWidth) / 2;
  const spareY = (page.height - gridHeight) / 2;
  if (spareX < margin - 1e-6 || spareY < margin - 1e-6) {
    const fitMm = (Math.min(spareX, spareY) / PT_PER_MM).toFixed(1);
    throw new VoucherSheetError(
      'layout_does_not_fit',
      `${input.preset} with ${input.bleedMm ?? 0} mm bleed does not fit ${input.paper} with a ` +
        `${input.marginMm ?? 0} mm margin` +
        (Number(fitMm) >= 0 ? `; the largest margin that fits is ${fitMm} mm` : '; use less bleed'),
    );
  }

  const cells: Rect[] = [];
  const bleedCells: Rect[] = [];
  for (let row = 0; row < grid.rows; row++) {
    for (let col = 0; col < grid.columns; col++) {
      const bx = spareX + col * pitchX;
      const by = spareY + row * pitchY;
      bleedCells.push({ x: bx, y: by, width: pitchX, height: pitchY });
      cells.push({ x: bx + bleed, y: by + bleed, width: cardWidth, height: cardHeight });
    }
  }

  const warnings: string[] = [];
  const cutMarks: CutMark[] = [];
  if (input.cutMarks) {
    const keep = Math.max(margin, DEFAULT_EDGE_KEEP);
    const xs = new Set<number>();
    const ys = new Set<number>();
    for (const c of cells) {
      xs.add(c.x).add(c.x + c.width);
      ys.add(c.y).add(c.y + c.height);
    }
    const top = spareY;
    const bottom = spareY + gridHeight;
    const left = spareX;
    const right = spareX + gridWidth;
    const vLen = Math.min(MARK_LENGTH, top - MARK_GAP - keep);
    const hLen = Math.min(MARK_LENGTH, left - MARK_GAP - keep);
    if (vLen >= MARK_MIN) {
      for (const x of xs) {
        cutMarks.push({ x1: x, y1: top - MARK_GAP - vLen, x2: x, y2: top - MARK_GAP });
        cutMarks.push({ x1: x, y1: bottom + MARK_GAP, x2: x, y2: bottom + MARK_GAP + vLen });
      }
    } else {
      warnings.push(
        `no room for the vertical crop marks above and below the grid on ${input.paper} ` +
          `(${(top / PT_PER_MM).toFixed(1)} mm margin): cut along the card edges`,
      );
    }
    if (hLen >= MARK_MIN) {
      for (const y of ys) {
        cutMarks.push({ x1: left - MARK_GAP - hLen, y1: y, x2: left - MARK_GAP, y2: y });
        cutMarks.push({ x1: right + MARK_GAP, y1: y, x2: right + MARK_GAP + hLen, y2: y });
      }
    } else {
      warnings.push(`no room for the horizontal crop marks beside the grid on ${input.paper}`);
    }
  }

  return {
    pageWidth: page.width,
    pageHeight: page.height,
    columns: grid.columns,
    rows: grid.rows,
    cardsPerPage: grid.columns * grid.rows,
    cells,
    bleedCells,
    cardWidth,
    cardHeight,
    bleed,
    cutMarks,
    card: cardSlots(input, cardWidth, cardHeight),
    dotPitch: DOT_PITCH_300DPI,
    warnings,
  };
}

function text(
  x: number,
  y: number,
  width: number,
  size: number,
  font: SheetFont,
  align: 'left' | 'right' = 'left',
  minSize = size,
): TextSlot {
  return { x, y, width, size, minSize, font, align };
}

function cardSlots(input: SheetLayoutInput, w: number, h: number): CardSlots {
  switch (input.preset) {
    case 'card-10':
      return cardTenSlots(input, w, h);
    case 'labels-21':
      return labelSlots(input, w, h);
    case 'dense-50':
      return denseSlots(input, w, h);
  }
}

/**
 * 85x55 mm card: header with logo, shop and a 26 pt amount; PIN at 16 pt; barcode and instructions at the foot. Serial
 * and expiry share a line, each shrinking to fit its half (a longer language's labels).
 */
function cardTenSlots(input: SheetLayoutInput, w: number, h: number): CardSlots {
  const pad = mm(4);
  const inner = w - 2 * pad;
  const amountWidth = mm(44);
  const headWidth = inner - amountWidth - mm(2);
  // With a logo the shop name goes under it (full header width) and the stamp moves to the foot, above the
  // instructions; without one, shop name and stamp stack in the header.
  const logo: Rect | undefined = input.hasLogo
    ? { x: pad, y: pad, width: mm(20), height: mm(6.2) }
    : undefined;
  const footY = mm(30.5);
  const footH = h - pad - footY;
  const qr = input.barcode === 'qr';
  const barcode: Rect = qr
    ? { x: pad - mm(1), y: footY - mm(1), width: footH + mm(2), height: footH + mm(2) }
    : { x: pad - mm(2), y: footY + mm(1), width: mm(46), height: footH - mm(1) };
  const instrX = barcode.x + barcode.width + mm(1.5);
  const instrWidth = pad + inner - instrX;
  const stampInFoot = logo !== undefined && input.hasMarking === true;
  const instrY = footY + mm(1) + (stampInFoot ? mm(4.2) : 0);
  return {
    logo,
    shopName: input.hasShopName
      ? logo
        ? text(pad, pad + mm(6.9), headWidth, 8, 'Sans-Bold', 'left', 6.5)
        : text(pad, pad + mm(2.2), headWidth, 9, 'Sans-Bold', 'left', 7)
      : undefined,
    amount: text(pad + inner - amountWidth, pad - 1, amountWidth, 26, 'Sans-Bold', 'right', 16),
    marking: stampInFoot
      ? text(instrX, footY + mm(1), instrWidth, 7, 'Sans-Bold', 'left', 5)
      : text(pad, pad + mm(6.2), headWidth, 7, 'Sans-Bold', 'left', 5),
    pinLabel: text(pad, mm(14.5), inner, 6.5, 'Sans'),
    pin: text(pad, mm(17), inner, 17, 'Mono-Bold', 'left', 10),
    serial: text(pad, mm(25), inner / 2 - mm(1), 7.5, 'Sans', 'left', 5.5),
    expiry: text(pad + inner / 2, mm(25), inner / 2, 7.5, 'Sans', 'right', 5.5),
    instructions: input.hasInstructions
      ? {
          ...text(instrX, instrY, instrWidth, 6.5, 'Sans'),
          maxLines: stampInFoot ? 4 : 5,
          lineHeight: 8,
        }
      : undefined,
    barcode,
    labels: { serial: 'serial', expiry: 'validUntil' },
  };
}

/** 63.5x38.1 mm label: amount at 17 pt, PIN at 12.5 pt, small logo, instructions beside the barcode. */
function labelSlots(input: SheetLayoutInput, w: number, h: number): CardSlots {
  const pad = mm(2.5);
  const inner = w - 2 * pad;
  const logo: Rect | undefined = input.hasLogo ? { x: pad, y: pad, width: mm(12), height: mm(5) } : undefined;
  const shopX = logo ? pad + logo.width + mm(1.5) : pad;
  const amountWidth = mm(30);
  const footY = mm(18.5);
  const footH = h - pad - footY;
  const qr = input.barcode === 'qr';
  const barcode: Rect = qr
    ? { x: pad - mm(1), y: footY - mm(1), width: footH + mm(2), height: footH + mm(2) }
    : { x: pad - mm(1.5), y: footY + mm(0.5), width: mm(36), height: footH - mm(0.5) };
  const instrX = barcode.x + barcode.width + mm(1);
  return {
    logo,
    shopName: input.hasShopName
      ? text(shopX, pad + mm(1), inner - amountWidth - (shopX - pad) - mm(1), 7, 'Sans-Bold', 'left', 5.5)
      : undefined,
    amount: text(pad + inner - amountWidth, pad - 0.5, amountWidth, 17, 'Sans-Bold', 'right', 11),
    marking: text(shopX, pad + mm(3.6), inner - amountWidth - (shopX - pad), 5.5, 'Sans-Bold', 'left', 4),
    pinLabel: text(pad, mm(8.3), inner, 5, 'Sans'),
    pin: text(pad, mm(10.2), inner, 12.5, 'Mono-Bold', 'left', 7),
    serial: text(pad, mm(15.3), inner / 2 - mm(1), 5.8, 'Sans', 'left', 4.5),
    expiry: text(pad + inner / 2, mm(15.3), inner / 2, 5.8, 'Sans', 'right', 4.5),
    instructions: input.hasInstructions
      ? { ...text(instrX, footY + mm(0.5), pad + inner - instrX, 5, 'Sans'), maxLines: 5, lineHeight: 6 }
      : undefined,
    barcode,
    labels: { serial: 'serial', expiry: 'expiryShort' },
  };
}

/** 38x26 mm ticket: no logo or instructions; amount, PIN, serial, expiry and a barcode that scans at 300 dpi. */
function denseSlots(input: SheetLayoutInput, w: number, h: number): CardSlots {
  const pad = mm(1.8);
  const inner = w - 2 * pad;
  const qr = input.barcode === 'qr';
  if (qr) {
    const side = mm(12.4);
    const barcode: Rect = {
      x: w - pad - side + mm(0.9),
      y: h - pad - side + mm(0.9),
      width: side,
      height: side,
    };
    const leftW = barcode.x - pad;
    return {
      amount: text(pad, pad - 0.5, inner * 0.62, 12, 'Sans-Bold', 'left', 8),
      marking: text(pad + inner * 0.45, pad + 0.5, inner * 0.55, 5.5, 'Sans-Bold', 'right', 4),
      pinLabel: text(pad, mm(6.5), inner, 4, 'Sans'),
      pin: text(pad, mm(8), inner, 9.5, 'Mono-Bold', 'left', 5.5),
      serial: text(pad, mm(16.5), leftW, 5, 'Sans', 'left', 4),
      expiry: text(pad, mm(19.5), leftW, 5, 'Sans', 'left', 4),
      barcode,
      labels: { serial: 'serialShort', expiry: 'expiryShort' },
    };
  }
  const footY = mm(15.6);
  return {
    amount: text(pad, pad - 0.5, inner * 0.62, 12, 'Sans-Bold', 'left', 8),
    marking: text(pad + inner * 0.45, pad + 0.5, inner * 0.55, 5.5, 'Sans-Bold', 'right', 4),
    pinLabel: text(pad, mm(6.5), inner, 4, 'Sans'),
    pin: text(pad, mm(8), inner, 9.5, 'Mono-Bold', 'left', 5.5),
    serial: text(pad, mm(12.6), inner * 0.5 - mm(0.8), 5, 'Sans', 'left', 4),
    expiry: text(pad + inner * 0.5, mm(12.6), inner * 0.5, 5, 'Sans', 'right', 4),
    barcode: { x: pad - mm(1.2), y: footY, width: inner + mm(2.4), height: h - footY - mm(1) },
    labels: { serial: 'serialShort', expiry: 'expiryShort' },
  };
}
