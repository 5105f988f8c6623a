import { inflateSync } from 'node:zlib';
import { PNG_SIGNATURE } from './voucher-sheet-types';

/** Largest logo side in pixels (a logo prints a few centimetres wide: 4,000 px is far more than 300 dpi needs). */
export const MAX_LOGO_SIDE = 4_000;

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Checks that a PNG logo is one the sheet's PDF writer can embed, before it is stored: a sane size, a plain
 * (non-interlaced) 8-bit image, and image data that inflates to exactly the size its header promises. pdfkit's PNG
 * decoder throws corrupt data from an async callback (which ends the process) and allocates whatever the header
 * claims; this check runs synchronously, bounded by the header's size. Throws an Error saying what is wrong.
 */
export function checkPngLogo(data: Buffer): void {
  if (!data.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG file');
  let offset = 8;
  let header: {
    width: number;
    height: number;
    bitDepth: number;
    colorType: number;
    interlace: number;
  } | null = null;
  let palette = false;
  const idat: Buffer[] = [];
  while (offset + 8 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length) throw new Error(`truncated ${type} chunk`);
    if (type === 'IHDR') {
      if (length !== 13) throw new Error('malformed header');
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8]!,
        colorType: body[9]!,
        interlace: body[12]!,
      };
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new Error('no image header');
  const { width, height, bitDepth, colorType, interlace } = header;
  if (width < 1 || height < 1 || width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE)
    throw new Error(`the image is ${width} x ${height} pixels; at most ${MAX_LOGO_SIDE} on a side`);
  const channels = CHANNELS[colorType];
  if (channels === undefined) throw new Error(`unknown colour type ${colorType}`);
  if (bitDepth !== 8) throw new Error(`${bitDepth}-bit images are not supported; save it as 8-bit`);
  if (interlace !== 0) throw new Error('interlaced images are not supported; save it without interlacing');
  if (colorType === 3 && !palette) throw new Error('a palette image without its palette');
  if (idat.length === 0) throw new Error('no image data');
  const expected = height * (1 + width * channels);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch {
    throw new Error('the image data is corrupt');
  }
  if (pixels.length !== expected) throw new Error('the image data does not match its size');
}
