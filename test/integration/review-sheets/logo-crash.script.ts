// Child process: renders a one-card sheet with a logo named by argv[2]; prints REJECTED or OK; a crash is a crash.
import { PassThrough } from 'node:stream';
import { renderVoucherSheet } from '../../../main/vouchers/voucher-sheet-renderer';
import { corruptPng, hugePng } from './png-bomb';

const which = process.argv[2];
const data = which === 'huge' ? hugePng() : corruptPng();
const out = new PassThrough();
out.resume();
renderVoucherSheet(
  [
    {
      serial: '123-0000001',
      pin: '123456789012',
      amount: 1000,
      currency: 'USD',
      expiresAt: '2099-01-01T00:00:00Z',
    },
  ],
  { paper: 'A4', preset: 'card-10', barcode: 'code128', cutMarks: true, logo: { kind: 'png', data } },
  out,
  { workers: 1 },
).then(
  () => console.log('OK'),
  (e: unknown) => console.log(`REJECTED ${(e as { code?: string }).code ?? ''} ${(e as Error).message}`),
);
