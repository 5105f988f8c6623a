import type { Catalog } from '../../core/i18n/catalog';
import { drawCode128Widths } from '../printing/code128-vector';
import { wrapText } from '../printing/text-wrap';
import type { EncodedBarcode } from './barcode-encoding';
import type { SvgLogo } from './svg-logo';
import type { CardSlots, Rect, SheetLayout, TextSlot } from './voucher-layout';
import { groupPin, type VoucherTextFormat } from './voucher-text-format';
import type { SheetBarcode, VoucherCard } from './voucher-sheet-types';

/** A pdfkit image object from `doc.openImage()` (not in pdfkit's typings): embedded once, drawn on every card. */
export interface OpenedImage {
  readonly width: number;
  readonly height: number;
}

/** Opens `data` as a pdfkit image object to reuse across pages (`doc.image(buffer)` would embed it every time). */
export function openImage(doc: PDFKit.PDFDocument, data: Buffer): OpenedImage {
  return (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(data);
}

/** A logo ready to draw many times: a pdfkit image embedded once, or vector paths. */
export type SheetLogoArt =
  { readonly kind: 'png'; readonly image: OpenedImage } | { readonly kind: 'svg'; readonly svg: SvgLogo };

/** Everything on a card that is the same for the whole batch. */
export interface SheetConstants {
  readonly barcode: SheetBarcode;
  readonly logo?: SheetLogoArt;
  readonly shopName?: string;
  readonly instructions?: string;
  /** Stamp text on every card (`COPY`, `NOT YET VALID`, both), or none. */
  readonly marking?: string;
  /** The labels, in the sheet's language. */
  readonly texts: Catalog['voucher'];
}

/** Quiet zone around a QR symbol, in modules (the standard asks for 4). */
const QR_QUIET_MODULES = 4;
const LABEL_GREY = '#4a4a4a';
const BAND_GREY = '#efefef';

interface Fitted {
  readonly size: number;
  readonly width: number;
}

/**
 * Draws voucher cards and page furniture on a pdfkit document, following a {@link SheetLayout}. Batch-wide texts
 * (shop name, instructions, stamp) are measured and wrapped once; per-card texts are fitted to their slot.
 */
export class VoucherCardPainter {
  private readonly slots: CardSlots;
  private readonly instructionLines: readonly string[];
  private readonly shop?: { readonly text: string; readonly size: number };
  private readonly stamp?: { readonly text: string } & Fitted;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly layout: SheetLayout,
    private readonly format: VoucherTextFormat,
    private readonly constants: SheetConstants,
  ) {
    this.slots = layout.card;
    const { instructions, shopName, marking } = constants;
    const slot = this.slots.instructions;
    if (slot && instructions) {
      doc.font(slot.font).fontSize(slot.size);
      const lines = wrapText(instructions, slot.width, (t) => doc.widthOfString(t));
      if (lines.length > slot.maxLines) {
        lines.length = slot.maxLines;
        lines[slot.maxLines - 1] = this.ellipsize(lines[slot.maxLines - 1]!, slot.width);
      }
      this.instructionLines = lines;
    } else {
      this.instructionLines = [];
    }
    if (this.slots.shopName && shopName) {
      const fit = this.fit(this.slots.shopName, shopName);
      doc.font(this.slots.shopName.font).fontSize(fit.size);
      this.shop = { text: this.ellipsize(shopName, this.slots.shopName.width), size: fit.size };
    }
    if (marking) {
      const m = this.slots.marking;
      const fit = this.fit({ ...m, width: m.width - 4 }, marking);
      this.stamp = { text: marking, ...fit };
    }
  }

  /** Crop marks of one page: one stroke for all of them. */
  drawCutMarks(): void {
    const marks = this.layout.cutMarks;
    if (marks.length === 0) return;
    const doc = this.doc;
    for (const m of marks) doc.moveTo(m.x1, m.y1).lineTo(m.x2, m.y2);
    doc.lineWidth(0.5).stroke('black');
  }

  /** Draws `card` in page cell `cell` with its encoded `barcode` (widths or QR runs). */
  drawCard(cell: number, card: VoucherCard, barcode: EncodedBarcode): void {
    this.drawCardText(cell, card);
    this.drawBarcode(cell, card, barcode);
  }

  /** Page rectangle of the barcode box of page cell `cell`. */
  barcodeBox(cell: number): Rect {
    const trim = this.layout.cells[cell]!;
    const box = this.slots.barcode;
    return { x: trim.x + box.x, y: trim.y + box.y, width: box.width, height: box.height };
  }

  /**
   * Draws the already-encoded barcode of `card` in page cell `cell`: the worker's ready path moved into place, or
   * (no path) the bars drawn here from their widths.
   */
  drawBarcode(cell: number, card: VoucherCard, barcode: EncodedBarcode): void {
    const box = this.barcodeBox(cell);
    if (this.constants.barcode === 'code128' && barcode.path !== undefined) {
      // The worker's fragment fills its own bars inside its own graphics state (see code128Path).
      this.doc.addContent(`q 1 0 0 1 ${+box.x.toFixed(3)} ${+box.y.toFixed(3)} cm\n${barcode.path}\nQ`);
    } else if (this.constants.barcode === 'code128') {
      drawCode128Widths(this.doc, card.serial, barcode.data, {
        ...box,
        showText: false,
        dotPitch: this.layout.dotPitch,
      });
    } else {
      this.drawQr(box.x, box.y, box.width, barcode);
    }
  }

  /** Everything of a card except its barcode (also the benchmark's floor: pdfkit text alone). */
  drawCardText(cell: number, card: VoucherCard): void {
    const doc = this.doc;
    const trim = this.layout.cells[cell]!;
    const s = this.slots;
    const ox = trim.x;
    const oy = trim.y;

    if (this.layout.bleed > 0) {
      const b = this.layout.bleedCells[cell]!;
      doc.rect(b.x, b.y, b.width, oy - b.y + s.pinLabel.y - 1.5).fill(BAND_GREY);
    }
    if (s.logo && this.constants.logo) this.drawLogo(ox, oy, s.logo, this.constants.logo);
    if (this.shop && s.shopName) {
      doc.font(s.shopName.font).fontSize(this.shop.size).fillColor('black');
      doc.text(this.shop.text, ox + s.shopName.x, oy + s.shopName.y, { lineBreak: false });
    }
    doc.fillColor('black');
    this.drawText(ox, oy, s.amount, this.format.amount(card.amount, card.currency));
    if (this.stamp) this.drawStamp(ox, oy, s.marking, this.stamp);

    doc.fillColor(LABEL_GREY);
    const texts = this.constants.texts;
    this.drawText(ox, oy, s.pinLabel, texts.pin);
    doc.fillColor('black');
    this.drawText(ox, oy, s.pin, groupPin(card.pin));
    this.drawText(ox, oy, s.serial, `${texts[s.labels.serial]} ${card.serial}`);
    this.drawText(ox, oy, s.expiry, `${texts[s.labels.expiry]} ${this.format.expiry(card.expiresAt)}`);

    const inst = s.instructions;
    if (inst && this.instructionLines.length > 0) {
      doc.font(inst.font).fontSize(inst.size).fillColor(LABEL_GREY);
      let y = oy + inst.y;
      for (const line of this.instructionLines) {
        doc.text(line, ox + inst.x, y, { lineBreak: false });
        y += inst.lineHeight;
      }
      doc.fillColor('black');
    }
  }

  /**
   * Dark runs of a QR symbol as rectangles, one fill; modules are whole 300 dpi dots, aligned to the dot grid. The
   * worker's module-unit path is scaled into place with one transform; without it the runs are drawn one by one.
   */
  private drawQr(x: number, y: number, side: number, code: EncodedBarcode): void {
    const doc = this.doc;
    const runs = code.data;
    const size = runs[0]!;
    const dot = this.layout.dotPitch;
    const raw = side / (size + 2 * QR_QUIET_MODULES);
    const dots = Math.floor(raw / dot);
    const m = dots >= 1 ? dots * dot : raw;
    const x0 = Math.round((x + (side - size * m) / 2) / dot) * dot;
    const y0 = Math.round((y + (side - size * m) / 2) / dot) * dot;
    if (code.path !== undefined) {
      doc.save();
      doc.transform(m, 0, 0, m, x0, y0);
      doc.addContent(code.path);
      doc.fill('black');
      doc.restore();
      return;
    }
    for (let i = 1; i + 2 < runs.length; i += 3) {
      doc.rect(x0 + runs[i + 1]! * m, y0 + runs[i]! * m, runs[i + 2]! * m, m);
    }
    doc.fill('black');
  }

  private drawLogo(ox: number, oy: number, box: Rect, logo: SheetLogoArt): void {
    const doc = this.doc;
    if (logo.kind === 'png') {
      // pdfkit's image() takes an opened image object as well as a buffer; its typings only know the buffer.
      doc.image(logo.image as unknown as Buffer, ox + box.x, oy + box.y, {
        fit: [box.width, box.height],
        valign: 'center',
      });
      return;
    }
    const [vx, vy, vw, vh] = logo.svg.viewBox;
    const scale = Math.min(box.width / vw, box.height / vh);
    doc.save();
    doc
      .translate(ox + box.x, oy + box.y + (box.height - vh * scale) / 2)
      .scale(scale)
      .translate(-vx, -vy);
    for (const p of logo.svg.paths) doc.path(p.d).fill(p.fill, p.evenOdd ? 'even-odd' : 'non-zero');
    doc.restore();
  }

  private drawStamp(ox: number, oy: number, slot: TextSlot, stamp: { readonly text: string } & Fitted): void {
    const doc = this.doc;
    const padX = 2;
    const h = stamp.size * 1.35;
    const left = slot.align === 'right' ? ox + slot.x + slot.width - stamp.width - 2 * padX : ox + slot.x;
    doc.rect(left, oy + slot.y, stamp.width + 2 * padX, h).fill('black');
    doc.font(slot.font).fontSize(stamp.size).fillColor('white');
    doc.text(stamp.text, left + padX, oy + slot.y + stamp.size * 0.2, { lineBreak: false });
    doc.fillColor('black');
  }

  private drawText(ox: number, oy: number, slot: TextSlot, text: string): void {
    const { size, width } = this.fit(slot, text);
    const x = slot.align === 'right' ? slot.x + slot.width - width : slot.x;
    // Shrunk text stays on the slot's vertical centre line.
    const y = slot.y + (slot.size - size) * 0.5;
    this.doc.text(text, ox + x, oy + y, { lineBreak: false });
  }

  /** Sets the slot's font and the largest size (down to `minSize`) at which `text` fits the slot width. */
  private fit(slot: TextSlot, text: string): Fitted {
    const doc = this.doc.font(slot.font).fontSize(slot.size);
    const width = doc.widthOfString(text);
    if (width <= slot.width) return { size: slot.size, width };
    const size = Math.max(slot.minSize, Math.floor((slot.size * slot.width * 10) / width) / 10);
    doc.fontSize(size);
    return { size, width: doc.widthOfString(text) };
  }

  private ellipsize(text: string, width: number): string {
    if (this.doc.widthOfString(text) <= width) return text;
    let cut = text.length;
    while (cut > 1 && this.doc.widthOfString(`${text.slice(0, cut)}…`) > width) cut--;
    return `${text.slice(0, cut).trimEnd()}…`;
  }
}
