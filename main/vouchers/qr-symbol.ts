import QRCode from 'qrcode';

/** A QR symbol's modules: `size` by `size`, row-major, 1 dark and 0 light. */
export interface QrModules {
  readonly size: number;
  readonly data: Uint8Array;
}

/** The eight data masks of ISO/IEC 18004 (row i, column j): dark where the condition holds. */
const MASKS: readonly ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/** What every symbol of one size shares, made once per size. */
interface SizeTables {
  /**
   * Each mask as a flat array, 0 on the modules no mask touches (finder, timing, alignment, format and version
   * areas: `reserved`, the same for every symbol of a size).
   */
  readonly masks: readonly Uint8Array[];
  /** Where the format bits sit (see formatCells). */
  readonly formatCells: Uint16Array;
}

const sizeTables = new Map<number, SizeTables>();

function tablesFor(size: number, reserved: Uint8Array): SizeTables {
  let tables = sizeTables.get(size);
  if (!tables) {
    const masks = MASKS.map((dark) => {
      const t = new Uint8Array(size * size);
      for (let i = 0; i < size; i++)
        for (let j = 0; j < size; j++) t[i * size + j] = !reserved[i * size + j] && dark(i, j) ? 1 : 0;
      return t;
    });
    tables = { masks, formatCells: formatCells(size) };
    sizeTables.set(size, tables);
  }
  return tables;
}

/**
 * The 15 format information bits of an error correction level (its 2-bit indicator) and a mask: the 5 data bits, a
 * BCH(15,5) remainder of generator 0x537, XORed with 0x5412.
 */
export function formatInfoBits(levelBits: number, mask: number): number {
  const data = (levelBits << 3) | mask;
  let rem = data << 10;
  for (let bit = 14; bit >= 10; bit--) if ((rem >> bit) & 1) rem ^= 0x537 << (bit - 10);
  return ((data << 10) | rem) ^ 0x5412;
}

/** Where format bit `i` sits, twice: beside the top-left finder, then along the other two. */
function formatCells(size: number): Uint16Array {
  const cells = new Uint16Array(30);
  for (let i = 0; i < 15; i++) {
    const vRow = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    const hCol = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 14 - i;
    cells[2 * i] = vRow * size + 8;
    cells[2 * i + 1] = 8 * size + hCol;
  }
  return cells;
}

/**
 * The penalty of a masked symbol under the four rules as the `qrcode` package scores them (runs of five or more,
 * 2x2 blocks, finder-like 1:1:3:1:1 patterns with four light modules, the dark share's distance from half), on a
 * flat array: the package reads every module through a method call, which made choosing a mask 90% of a code's cost.
 */
export function maskPenalty(m: Uint8Array, size: number): number {
  let n1 = 0;
  let n2 = 0;
  let n3 = 0;
  let dark = 0;
  for (let a = 0; a < size; a++) {
    let runRow = 0;
    let runCol = 0;
    let lastRow = -1;
    let lastCol = -1;
    let bitsRow = 0;
    let bitsCol = 0;
    for (let b = 0; b < size; b++) {
      const inRow = m[a * size + b]!;
      const inCol = m[b * size + a]!;
      dark += inRow;
      if (inRow === lastRow) runRow++;
      else {
        if (runRow >= 5) n1 += 3 + runRow - 5;
        lastRow = inRow;
        runRow = 1;
      }
      if (inCol === lastCol) runCol++;
      else {
        if (runCol >= 5) n1 += 3 + runCol - 5;
        lastCol = inCol;
        runCol = 1;
      }
      bitsRow = ((bitsRow << 1) & 0x7ff) | inRow;
      bitsCol = ((bitsCol << 1) & 0x7ff) | inCol;
      if (b >= 10) {
        if (bitsRow === 0x5d0 || bitsRow === 0x05d) n3++;
        if (bitsCol === 0x5d0 || bitsCol === 0x05d) n3++;
      }
      if (a < size - 1 && b < size - 1) {
        const block = inRow + m[a * size + b + 1]! + m[(a + 1) * size + b]! + m[(a + 1) * size + b + 1]!;
        if (block === 0 || block === 4) n2++;
      }
    }
    if (runRow >= 5) n1 += 3 + runRow - 5;
    if (runCol >= 5) n1 += 3 + runCol - 5;
  }
  const k = Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10);
  return n1 + n2 * 3 + n3 * 40 + k * 10;
}

/**
 * The QR symbol of `text` at error correction M, module for module the one `QRCode.create` makes, about five times
 * faster: the package builds the symbol once with mask 0, and the mask is then chosen here as the package chooses it
 * (the lowest penalty, the first of equals) by unmasking that symbol and scoring each mask on a flat array.
 */
export function qrSymbol(text: string): QrModules {
  const built = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { size } = built.modules;
  const masked = built.modules.data;
  const reserved = (built.modules as unknown as { reservedBit: Uint8Array }).reservedBit;
  const levelBits = (built.errorCorrectionLevel as unknown as { bit: number }).bit;
  const { masks, formatCells: cells } = tablesFor(size, reserved);
  const n = masked.length;
  const unmasked = new Uint8Array(n);
  const mask0 = masks[0]!;
  for (let k = 0; k < n; k++) unmasked[k] = masked[k]! ^ mask0[k]!;

  let best: Uint8Array | null = null;
  let bestPenalty = Infinity;
  let candidate: Uint8Array = new Uint8Array(n);
  for (let p = 0; p < masks.length; p++) {
    const mask = masks[p]!;
    for (let k = 0; k < n; k++) candidate[k] = unmasked[k]! ^ mask[k]!;
    const bits = formatInfoBits(levelBits, p);
    for (let i = 0; i < 15; i++) {
      const bit = (bits >> i) & 1;
      candidate[cells[2 * i]!] = bit;
      candidate[cells[2 * i + 1]!] = bit;
    }
    const penalty = maskPenalty(candidate, size);
    if (penalty < bestPenalty) {
      bestPenalty = penalty;
      const kept = best;
      best = candidate;
      candidate = kept ?? new Uint8Array(n);
    }
  }
  return { size, data: best! };
}
