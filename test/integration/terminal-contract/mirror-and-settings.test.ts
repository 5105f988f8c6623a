import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CardsCsv } from '../../../core/contract/types/cards';
import type { WalletBalanceView } from '../../../core/contract/types/wallet';
import { uuidv7 } from '../../../core/uuidv7';
import { call } from '../terminal/support/terminal-harness';
import { FAKE_TOKEN } from '../terminal/support/local-terminal';
import { START, bareTerminal, closeTillsAfterEach, fillReserve, localTill } from './support';

/**
 * What the terminal shows from its local mirror and settings without the central API: cards another terminal made
 * (no PIN held here), a PNG sheet logo, and a balance never pulled.
 */

closeTillsAfterEach();

/** A valid 2 x 2 8-bit RGB PNG, built by hand (signature, IHDR, IDAT, IEND). */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer): number => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('the local mirror and settings', () => {
  it("exports another terminal's cards with an empty PIN beside the ones this terminal holds", async () => {
    const t = await localTill(100_000, {
      perSaleMax: 100_000,
      totalOfflineMax: 200_000,
      maxHoursSinceSync: 24,
    });
    const pairs = fillReserve(t.s, 1);
    await call(t.s, 'cards.createSeries', {
      amount: 100,
      quantity: 1,
      prefix: '3',
      expiresAt: new Date(START + 86_400_000).toISOString(),
    });
    const { ledger, identity } = t.s.terminal;
    const at = new Date(START).toISOString();
    ledger.applyChanges(
      [
        {
          seq: '20',
          kind: 'cards',
          data: {
            cards: [
              {
                id: uuidv7(),
                serial: '8-0000001',
                seriesId: uuidv7(),
                ownerId: identity.require().resellerId,
                amount: 700,
                currency: 'USD',
                status: 'new',
                expiresAt: new Date(START + 86_400_000).toISOString(),
                activatedAt: null,
                customerId: null,
                createdAt: at,
              },
            ],
          },
        },
      ],
      '20',
      false,
      ledger.ackWatermark(),
      at,
    );
    const csv = await call<CardsCsv>(t.s, 'cards.exportCsv', { includePins: true });
    expect(csv.count).toBe(2);
    const rows = csv.csv.trimEnd().split('\r\n').slice(1);
    const other = rows.find((r) => r.startsWith('8-0000001,'))!;
    const own = rows.find((r) => r.startsWith('9-0000001,'))!;
    expect(other.endsWith(',')).toBe(true);
    expect(own.endsWith(`,${pairs[0]!.pin}`)).toBe(true);
  });

  it('keeps a PNG sheet logo and shows it as a PNG data URL', async () => {
    const t = await localTill();
    const png = tinyPng().toString('base64');
    const saved = await call<{ logo: { kind: string; dataUrl: string } | null }>(
      t.s,
      'cards.setSheetSettings',
      {
        logo: { kind: 'png', base64: png },
      },
    );
    expect(saved.logo).toEqual({ kind: 'png', dataUrl: `data:image/png;base64,${png}` });
    expect(await call(t.s, 'cards.sheetSettings')).toEqual({ ...saved, instructions: null });
  });

  it('shows the enrolled currency and no available amount before any balance was pulled', async () => {
    // Enrolled (the identity saved, as enrollment does) but never pulled.
    const s = await bareTerminal();
    s.terminal.identity.save(
      'http://127.0.0.1:9',
      {
        terminalId: uuidv7(),
        token: FAKE_TOKEN,
        terminalName: 'New counter',
        reseller: { id: uuidv7(), name: 'New shop', currency: 'EUR' },
        salePrefix: 'NEW1',
        serialPrefix: '102',
        floorLimits: { perSaleMax: 1_000, totalOfflineMax: 5_000, maxHoursSinceSync: 24 },
        limitsVersion: 1,
      },
      new Date(START).toISOString(),
    );
    await call(s, 'clerks.create', { name: 'Owner', pin: '123456', role: 'manager' });
    expect(await call<WalletBalanceView>(s, 'wallet.balance')).toMatchObject({
      currency: 'EUR',
      serverBalance: null,
      available: null,
      stale: true,
    });
  });
});
