/**
 * Voucher sheet benchmark, QR: as `sheet`, with a QR code of the serial per card (module matrix from `qrcode`, drawn
 * as merged runs) against the floor and against bwip-js QR PNGs. Last line:
 * `BENCH sheet-qr s=... floor_s=... png_s=... ratio=... png_ratio=...`.
 */
import { runSheetBench } from './voucher-sheet-bench';

/** Runs the QR sheet benchmark. */
export async function run(): Promise<void> {
  await runSheetBench('sheet-qr', 'qr');
}
