import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { code128Widths } from '../../../main/printing/code128-vector';
import { barcodeAt, encodeBarcodes, qrRuns } from '../../../main/vouchers/barcode-encoding';
import { parseSimpleSvgLogo } from '../../../main/vouchers/svg-logo';
import { checkVoucherCard } from '../../../main/vouchers/voucher-card-check';
import { parseSheetOptions, type VoucherCard } from '../../../main/vouchers/voucher-sheet-types';

const good: VoucherCard = {
  serial: '101-0000001B',
  pin: '123456789012',
  amount: 1000,
  currency: 'USD',
  expiresAt: '2027-11-30T23:59:59Z',
};

describe('card checks', () => {
  it('accepts a well-formed card', () => {
    expect(() => checkVoucherCard(good, 0)).not.toThrow();
  });

  it.each([
    [{ pin: '1234' }, /PIN must be 5 to 20 digits/],
    [{ pin: '123456789012345678901' }, /PIN must be 5 to 20 digits/],
    [{ serial: '' }, /serial must be/],
    [{ serial: 'A B' }, /serial must be/],
    [{ amount: 10.5 }, /amount must be a positive integer/],
    [{ amount: 0 }, /amount must be a positive integer/],
    [{ currency: 'usd' }, /currency must be an ISO 4217 code/],
    [{ expiresAt: '2027-11-30' }, /expiresAt must be an ISO 8601 UTC instant/],
    [{ expiresAt: '2027-13-45T00:00:00Z' }, /expiresAt must be/],
  ])('refuses %o', (patch, message) => {
    expect(() => checkVoucherCard({ ...good, ...patch } as VoucherCard, 7)).toThrow(message);
  });

  it('never echoes the PIN in the error', () => {
    expect(() => checkVoucherCard({ ...good, pin: '98765x' }, 3)).toThrow(
      /^card 3 \(serial "101-0000001B"\)/,
    );
    try {
      checkVoucherCard({ ...good, pin: '98765x' }, 3);
    } catch (error) {
      expect((error as Error).message).not.toContain('98765');
    }
  });
});

describe('sheet options', () => {
  it('accepts the documented shape and refuses unknown keys and bad values', () => {
    expect(
      parseSheetOptions({ paper: 'A4', preset: 'dense-50', barcode: 'qr', cutMarks: false }).preset,
    ).toBe('dense-50');
    expect(() =>
      parseSheetOptions({ paper: 'A5', preset: 'card-10', barcode: 'qr', cutMarks: true, colour: 'red' }),
    ).toThrow(/paper: .*colour|colour.*paper/s);
    expect(() =>
      parseSheetOptions({
        paper: 'A4',
        preset: 'card-10',
        barcode: 'qr',
        cutMarks: true,
        timeZone: 'Mars/Base',
      }),
    ).toThrow(/timeZone: not an IANA time zone/);
    expect(() =>
      parseSheetOptions({
        paper: 'A4',
        preset: 'card-10',
        barcode: 'qr',
        cutMarks: true,
        logo: { data: Buffer.from('GIF89a'), kind: 'png' },
      }),
    ).toThrow(/logo: logo of kind png is not a PNG file/);
  });
});

describe('barcode encoding', () => {
  it('packs Code 128 widths exactly as code128Widths gives them', () => {
    const serials = ['101-0000001B', '9', 'ABC-123'];
    const encoded = encodeBarcodes('code128', serials);
    serials.forEach((s, i) => expect([...barcodeAt(encoded, i).data]).toEqual([...code128Widths(s)]));
  });

  it('QR runs cover exactly the dark modules of the qrcode matrix', () => {
    const text = '101-0000001B';
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const runs = qrRuns(text);
    expect(runs[0]).toBe(modules.size);
    const rebuilt = new Uint8Array(modules.size * modules.size);
    for (let i = 1; i < runs.length; i += 3) {
      for (let c = 0; c < runs[i + 2]!; c++) rebuilt[runs[i]! * modules.size + runs[i + 1]! + c] = 1;
    }
    expect([...rebuilt]).toEqual([...modules.data].map((d) => (d ? 1 : 0)));
    // The ready path covers the same modules, with vertically repeated runs merged.
    const path = barcodeAt(encodeBarcodes('qr', [text]), 0).path!;
    const painted = new Uint8Array(modules.size * modules.size);
    const rects = path.split('\n').map((op) => op.split(' ').slice(0, 4).map(Number));
    for (const [x, y, w, h] of rects) {
      for (let r = y!; r < y! + h!; r++) {
        for (let c = x!; c < x! + w!; c++) {
          expect(painted[r * modules.size + c]).toBe(0); // no module painted twice
          painted[r * modules.size + c] = 1;
        }
      }
    }
    expect([...painted]).toEqual([...rebuilt]);
    expect(rects.length).toBeLessThan((runs.length - 1) / 3);
  });
});

describe('SVG logo', () => {
  it('reads flat-filled paths and the viewBox', () => {
    const logo = parseSimpleSvgLogo(
      Buffer.from(
        '<?xml version="1.0"?><svg viewBox="0 0 10 5"><g><path d="M0 0h10v5H0z" fill="#f00"/></g></svg>',
      ),
    );
    expect(logo.viewBox).toEqual([0, 0, 10, 5]);
    expect(logo.paths).toEqual([{ d: 'M0 0h10v5H0z', fill: '#f00', evenOdd: false }]);
  });

  it.each([
    '<svg viewBox="0 0 1 1"><text>x</text></svg>',
    '<svg viewBox="0 0 1 1"><path d="M0 0h1v1z" fill="url(#g)"/></svg>',
    '<svg viewBox="0 0 1 1"><g transform="scale(2)"><path d="M0 0h1v1z"/></g></svg>',
    '<svg><path d="M0 0h1v1z"/></svg>',
  ])('refuses %s and says to use a PNG', (svg) => {
    expect(() => parseSimpleSvgLogo(Buffer.from(svg))).toThrow(/supply a PNG logo instead/);
  });
});
