/**
 * Worker-thread entry: encodes chunks of serials as Code 128 bar widths or QR module runs for the voucher sheet
 * renderer, so the main thread only draws. Results are transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import type { EncodeRequest, EncodeResponse } from './barcode-encode-messages';
import { encodeBarcodes } from './barcode-encoding';

const port = parentPort;
if (!port) throw new Error('barcode-encode.worker must run in a worker thread');

port.on('message', (request: EncodeRequest) => {
  let response: EncodeResponse;
  try {
    const { kind, data, offsets, paths } = encodeBarcodes(request.kind, request.serials, request.code128Box);
    response = { id: request.id, ok: true, kind, data, offsets, paths };
    port.postMessage(response, [data.buffer as ArrayBuffer, offsets.buffer as ArrayBuffer]);
  } catch (error) {
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(response);
  }
});
