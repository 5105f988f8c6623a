import { createRequire } from 'node:module';
import QRCode, { type QRCodeMaskPattern } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { formatInfoBits, maskPenalty, qrSymbol } from '../../../main/vouchers/qr-symbol';

const require = createRequire(import.meta.url);
/** The package's own format bits and penalty rules, to hold ours to them. */
const formatInfo = require('qrcode/lib/core/format-info') as {
  getEncodedBits(level: { bit: number }, mask: number): number;
};
const maskPattern = require('qrcode/lib/core/mask-pattern') as Record<
  'getPenaltyN1' | 'getPenaltyN2' | 'getPenaltyN3' | 'getPenaltyN4',
  (m: unknown) => number
>;

/** Voucher serials as the sheets print them, URLs of growing length and plain text up to version 10 or so. */
const texts = [
  ...Array.from({ length: 400 }, (_, i) => `${100 + (i % 900)}-${String(i * 7_919).padStart(7, '0')}B`),
  ...Array.from(
    { length: 60 },
    (_, i) => `https://refill.example/r?s=${i.toString(36).repeat(1 + (i % 12))}`,
  ),
  ...Array.from({ length: 60 }, (_, i) => 'PIN'.repeat(1 + i * 2)),
];

describe('QR symbol', () => {
  it('is module for module the symbol the qrcode package makes, mask choice included', () => {
    const masksChosen = new Set<number>();
    for (const text of texts) {
      const theirs = QRCode.create(text, { errorCorrectionLevel: 'M' });
      masksChosen.add(theirs.maskPattern as number);
      const ours = qrSymbol(text);
      expect(ours.size, text).toBe(theirs.modules.size);
      expect(Buffer.from(ours.data).equals(Buffer.from(theirs.modules.data)), text).toBe(true);
    }
    // The texts exercise every mask, so a wrong table or format cell for any of them would show.
    expect([...masksChosen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('writes the format bits of every level and mask as the package does', () => {
    for (const bit of [0, 1, 2, 3])
      for (let mask = 0; mask < 8; mask++)
        expect(formatInfoBits(bit, mask)).toBe(formatInfo.getEncodedBits({ bit }, mask));
  });

  it('scores a symbol as the package scores it, whatever the mask', () => {
    for (const text of texts.slice(0, 40))
      for (const mask of [0, 1, 2, 3, 4, 5, 6, 7] as const satisfies readonly QRCodeMaskPattern[]) {
        const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: mask });
        const theirs =
          maskPattern.getPenaltyN1(modules) +
          maskPattern.getPenaltyN2(modules) +
          maskPattern.getPenaltyN3(modules) +
          maskPattern.getPenaltyN4(modules);
        expect(maskPenalty(modules.data, modules.size)).toBe(theirs);
      }
  });
});
