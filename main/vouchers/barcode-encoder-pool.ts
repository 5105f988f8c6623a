import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EncodeRequest, EncodeResponse } from './barcode-encode-messages';
import type { EncodedBarcodes } from './barcode-encoding';
import type { Code128BoxSize } from './code128-path-recorder';
import type { SheetBarcode } from './voucher-sheet-types';

/** Workers of every pool that have started and not yet exited (for tests and diagnostics). */
let liveWorkers = 0;

/**
 * Heap limits of an encoder worker: it holds one chunk at a time, and a small heap makes V8 collect the encoders'
 * garbage early instead of growing the process by tens of megabytes per thread.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } as const;

/** How many encoder worker threads are alive right now, across all pools. */
export function liveEncoderWorkers(): number {
  return liveWorkers;
}

/** One worker per core left over by the main thread (which writes the pages), at least one. */
export function defaultEncoderPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** How to start the worker: a built `.js` file, or a bootstrap that loads the `.ts` source through tsx. */
export type EncoderWorkerEntry =
  { readonly kind: 'file'; readonly url: URL } | { readonly kind: 'eval'; readonly code: string };

/**
 * Finds the worker entry next to this module. After the electron-vite build this module is bundled as `.js` and the
 * entry must be emitted beside it as `barcode-encode.worker.js` (a second main input). Run from source (vitest,
 * tsx) the entry is the `.ts` file: Node 20 does not apply `--import tsx` hooks to a worker's entry module, so the
 * worker starts from a CommonJS bootstrap that registers tsx's require hook and requires the source.
 */
export function resolveEncoderWorkerEntry(moduleUrl: string = import.meta.url): EncoderWorkerEntry {
  const built = new URL('./barcode-encode.worker.js', moduleUrl);
  if (!/\.[cm]?ts$/.test(new URL(moduleUrl).pathname)) {
    if (!existsSync(fileURLToPath(built))) {
      throw new Error(
        `voucher barcode worker not found at ${fileURLToPath(built)}: build main/vouchers/barcode-encode.worker.ts ` +
          'as an entry beside the main bundle',
      );
    }
    return { kind: 'file', url: built };
  }
  const tsxCjs = createRequire(moduleUrl).resolve('tsx/cjs/api');
  const source = fileURLToPath(new URL('./barcode-encode.worker.ts', moduleUrl));
  return {
    kind: 'eval',
    code: `require(${JSON.stringify(tsxCjs)}).register();\nrequire(${JSON.stringify(source)});`,
  };
}

interface Slot {
  readonly worker: Worker;
  busy: number;
}

interface Pending {
  readonly slot: Slot;
  readonly resolve: (value: EncodedBarcodes) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A small pool of worker threads that encode chunks of serials into barcodes. Results come back in the order of
 * each call's promise; the caller keeps only a bounded number of chunks in flight.
 */
export class BarcodeEncoderPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    size: number = defaultEncoderPoolSize(),
    entry: EncoderWorkerEntry = resolveEncoderWorkerEntry(),
  ) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker =
        entry.kind === 'file'
          ? new Worker(entry.url, { resourceLimits: WORKER_LIMITS })
          : new Worker(entry.code, { eval: true, resourceLimits: WORKER_LIMITS });
      liveWorkers++;
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (message: EncodeResponse) => this.settle(message));
      worker.on('error', (error) => this.failAll(error));
      worker.once('exit', (code) => {
        liveWorkers--;
        if (!this.closed) this.failAll(new Error(`barcode encoder worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  /** Number of worker threads in the pool. */
  get size(): number {
    return this.slots.length;
  }

  /** Encodes `serials` on the least busy worker. */
  encode(
    kind: SheetBarcode,
    serials: readonly string[],
    code128Box?: Code128BoxSize,
  ): Promise<EncodedBarcodes> {
    if (this.closed) return Promise.reject(new Error('barcode encoder pool is closed'));
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    const request: EncodeRequest = { id, kind, serials, code128Box };
    return new Promise<EncodedBarcodes>((resolve, reject) => {
      this.pending.set(id, { slot, resolve, reject });
      slot.busy++;
      slot.worker.postMessage(request);
    });
  }

  /** Terminates every worker; pending encodes reject with `reason`. Resolves when all threads have exited. */
  async close(reason: Error = new Error('barcode encoder pool closed')): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(reason);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private settle(message: EncodeResponse): void {
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    waiting.slot.busy--;
    if (message.ok) {
      const { kind, data, offsets, paths } = message;
      waiting.resolve({ kind, data, offsets, paths });
    } else waiting.reject(new Error(`barcode encoding failed: ${message.message}`));
  }

  private failAll(error: Error): void {
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.slot.busy--;
      waiting.reject(error);
    }
  }
}
