import { describe, expect, it } from 'vitest';
import { layoutSheet, mm, type Rect, type SheetLayout } from '../../../main/vouchers/voucher-layout';
import type { SheetBarcode, SheetPaper, SheetPreset } from '../../../main/vouchers/voucher-sheet-types';

const PRESETS: readonly SheetPreset[] = ['card-10', 'labels-21', 'dense-50'];
const PAPERS: readonly SheetPaper[] = ['A4', 'Letter'];
const BARCODES: readonly SheetBarcode[] = ['code128', 'qr'];

function layout(preset: SheetPreset, paper: SheetPaper, barcode: SheetBarcode, bleedMm = 0): SheetLayout {
  return layoutSheet({
    preset,
    paper,
    barcode,
    bleedMm,
    cutMarks: true,
    hasLogo: true,
    hasShopName: true,
    hasInstructions: true,
  });
}

function inside(inner: Rect, outer: Rect): boolean {
  const e = 1e-6;
  return (
    inner.x >= outer.x - e &&
    inner.y >= outer.y - e &&
    inner.x + inner.width <= outer.x + outer.width + e &&
    inner.y + inner.height <= outer.y + outer.height + e
  );
}

function overlaps(a: Rect, b: Rect): boolean {
  const e = 1e-6;
  return (
    a.x < b.x + b.width - e && b.x < a.x + a.width - e && a.y < b.y + b.height - e && b.y < a.y + a.height - e
  );
}

describe('voucher sheet layout', () => {
  it('uses the preset grid and card sizes', () => {
    const card = layout('card-10', 'A4', 'code128');
    expect([card.columns, card.rows, card.cells.length]).toEqual([2, 5, 10]);
    expect(card.cardWidth).toBeCloseTo(mm(85));
    expect(card.cardHeight).toBeCloseTo(mm(55));
    expect(layout('labels-21', 'A4', 'qr').cells).toHaveLength(21);
    expect(layout('dense-50', 'Letter', 'qr').cells).toHaveLength(50);
  });

  for (const preset of PRESETS) {
    for (const paper of PAPERS) {
      for (const barcode of BARCODES) {
        it(`${preset} on ${paper} with ${barcode}: cells on the page, apart, cut marks outside every card`, () => {
          // A bleed where the paper has room for it (card-10 on Letter has 2.2 mm to spare top and bottom).
          const bleed = paper === 'A4' ? 1 : 0;
          const l = layout(preset, paper, barcode, bleed);
          const page = { x: 0, y: 0, width: l.pageWidth, height: l.pageHeight };
          for (const [i, cell] of l.bleedCells.entries()) {
            expect(inside(cell, page)).toBe(true);
            expect(inside(l.cells[i]!, cell)).toBe(true);
            for (const other of l.bleedCells.slice(i + 1)) expect(overlaps(cell, other)).toBe(false);
          }
          for (const m of l.cutMarks) {
            const box = {
              x: Math.min(m.x1, m.x2),
              y: Math.min(m.y1, m.y2),
              width: Math.abs(m.x2 - m.x1) || 0.01,
              height: Math.abs(m.y2 - m.y1) || 0.01,
            };
            expect(inside(box, page)).toBe(true);
            for (const cell of l.bleedCells) expect(overlaps(box, cell)).toBe(false);
          }
          // The barcode and the text slots stay inside the card.
          const card = { x: 0, y: 0, width: l.cardWidth, height: l.cardHeight };
          expect(inside(l.card.barcode, card)).toBe(true);
          for (const slot of [l.card.amount, l.card.pin, l.card.serial, l.card.expiry]) {
            expect(slot.x).toBeGreaterThanOrEqual(0);
            expect(slot.x + slot.width).toBeLessThanOrEqual(l.cardWidth + 1e-6);
            expect(slot.y + slot.size * 1.2).toBeLessThanOrEqual(l.cardHeight);
          }
        });
      }
    }
  }

  it('makes the amount the largest type on every preset', () => {
    for (const preset of PRESETS) {
      const c = layout(preset, 'A4', 'code128').card;
      for (const other of [c.pin, c.serial, c.expiry, c.marking, c.shopName, c.instructions]) {
        if (other) expect(c.amount.size).toBeGreaterThan(other.size);
      }
    }
  });

  it('dense sheets drop logo and instructions but keep the rest', () => {
    const c = layout('dense-50', 'A4', 'code128').card;
    expect(c.logo).toBeUndefined();
    expect(c.instructions).toBeUndefined();
    expect(c.barcode.width).toBeGreaterThan(0);
  });

  it('refuses a margin the grid cannot keep, naming the largest that fits', () => {
    expect(() =>
      layoutSheet({
        preset: 'card-10',
        paper: 'Letter',
        barcode: 'qr',
        marginMm: 5,
        cutMarks: true,
        hasLogo: false,
        hasShopName: false,
        hasInstructions: false,
      }),
    ).toThrow(/largest margin that fits is 2\.2 mm/);
  });

  it('warns when there is no room for crop marks (card-10 on Letter leaves 2.2 mm top and bottom)', () => {
    const l = layout('card-10', 'Letter', 'code128');
    expect(l.warnings.join(' ')).toMatch(/no room for the vertical crop marks/);
    expect(l.cutMarks.length).toBeGreaterThan(0);
  });
});
