import { code128Widths } from '../printing/code128-vector';
import { code128Path, type Code128BoxSize } from './code128-path-recorder';
import { qrSymbol } from './qr-symbol';
import type { SheetBarcode } from './voucher-sheet-types';

/**
 * The barcodes of a chunk of serials, packed in one typed array so a worker can transfer it without copying.
 * Code 128: `data[offsets[i] .. offsets[i+1])` are the bar/space widths in modules, bar first; with a box size,
 * `paths[i]` is the bars as PDF rectangle operators in points for that box placed at the origin.
 * QR: `data[offsets[i]]` is the symbol size in modules, then (row, column, length) triples of dark runs, and
 * `paths[i]` is the same runs as PDF rectangle operators in module units (`x y w 1 re`).
 * Either way the page writer only moves (QR: scales) the path into place and fills it once: formatting dozens of
 * rectangles per code is work the workers do.
 */
export interface EncodedBarcodes {
  readonly kind: SheetBarcode;
  readonly data: Uint16Array;
  readonly offsets: Uint32Array;
  readonly paths?: readonly string[];
}

/**
 * Encodes each serial as `kind`; runs in a worker thread for big batches (QR costs about 0.15 ms a code with its
 * path, Code 128 of printable text a few microseconds).
 */
export function encodeBarcodes(
  kind: SheetBarcode,
  serials: readonly string[],
  code128Box?: Code128BoxSize,
): EncodedBarcodes {
  const parts: ArrayLike<number>[] = [];
  let total = 0;
  for (const serial of serials) {
    const part = kind === 'code128' ? code128Widths(serial) : qrRuns(serial);
    parts.push(part);
    total += part.length;
  }
  const data = new Uint16Array(total);
  const offsets = new Uint32Array(serials.length + 1);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    offsets[i] = at;
    data.set(parts[i]!, at);
    at += parts[i]!.length;
  }
  offsets[parts.length] = at;
  if (kind === 'qr') return { kind, data, offsets, paths: parts.map((runs) => qrPath(runs)) };
  if (code128Box) {
    return { kind, data, offsets, paths: parts.map((w, i) => code128Path(serials[i]!, w, code128Box)) };
  }
  return { kind, data, offsets };
}

/**
 * QR runs (size, then row/column/length triples; rows ascending) as PDF path operators in module units. A run
 * repeated at the same column and length on consecutive rows becomes one taller rectangle (finder patterns, timing
 * columns), which shortens the page content the writer compresses by about a third.
 */
export function qrPath(runs: ArrayLike<number>): string {
  const ops: string[] = [];
  // Open rectangles by "column,length": top row and height.
  let open = new Map<string, { x: number; len: number; top: number; height: number }>();
  let row = -1;
  let next = new Map<string, { x: number; len: number; top: number; height: number }>();
  const closeRow = () => {
    for (const [key, r] of open) if (!next.has(key)) ops.push(`${r.x} ${r.top} ${r.len} ${r.height} re`);
    open = next;
    next = new Map();
  };
  for (let i = 1; i + 2 < runs.length; i += 3) {
    const r = runs[i]!;
    if (r !== row) {
      if (row >= 0) closeRow();
      if (r !== row + 1) closeRow(); // a row without dark modules ends every open rectangle
      row = r;
    }
    const x = runs[i + 1]!;
    const len = runs[i + 2]!;
    const key = `${x},${len}`;
    const above = open.get(key);
    if (above && above.top + above.height === r) next.set(key, { ...above, height: above.height + 1 });
    else next.set(key, { x, len, top: r, height: 1 });
  }
  closeRow();
  closeRow();
  return ops.join('\n');
}

/** The QR symbol of `text` (error correction M) as its size followed by (row, column, length) dark runs. */
export function qrRuns(text: string): number[] {
  const modules = qrSymbol(text);
  const size = modules.size;
  const out = [size];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.data[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.data[row * size + col]) col++;
      out.push(row, start, col - start);
    }
  }
  return out;
}

/** One serial's barcode: its slice of the packed data, and its QR path when there is one. */
export interface EncodedBarcode {
  readonly data: Uint16Array;
  readonly path?: string;
}

/** The barcode of the i-th serial of the chunk. */
export function barcodeAt(encoded: EncodedBarcodes, i: number): EncodedBarcode {
  return {
    data: encoded.data.subarray(encoded.offsets[i]!, encoded.offsets[i + 1]!),
    path: encoded.paths?.[i],
  };
}
