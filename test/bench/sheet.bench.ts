/**
 * Voucher sheet benchmark, Code 128: 10,000 A4 card-10 cards (BENCH_N) with vector barcodes encoded in worker
 * threads, against the same sheet with no barcodes (floor) and with PNG barcodes from bwipjs.toBuffer (2,000 cards,
 * BENCH_PNG_N, scaled per card). Targets: ratio = s / floor_s <= 1.5, png_ratio = png_s / s >= 10.
 * Last line: `BENCH sheet s=... floor_s=... png_s=... ratio=... png_ratio=...`.
 */
import { runSheetBench } from './voucher-sheet-bench';

/** Runs the Code 128 sheet benchmark. */
export async function run(): Promise<void> {
  await runSheetBench('sheet', 'code128');
}
