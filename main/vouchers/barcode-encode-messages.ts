import type { Code128BoxSize } from './code128-path-recorder';
import type { SheetBarcode } from './voucher-sheet-types';

/** Main thread -> encoder worker: encode these serials. */
export interface EncodeRequest {
  readonly id: number;
  readonly kind: SheetBarcode;
  readonly serials: readonly string[];
  /** Code 128 box size: when given, the worker also returns each symbol's bars as a ready path. */
  readonly code128Box?: Code128BoxSize;
}

/** Encoder worker -> main thread: the packed result of one request, or why it failed. */
export type EncodeResponse =
  | {
      readonly id: number;
      readonly ok: true;
      readonly kind: SheetBarcode;
      readonly data: Uint16Array;
      readonly offsets: Uint32Array;
      readonly paths?: readonly string[];
    }
  | { readonly id: number; readonly ok: false; readonly message: string };
