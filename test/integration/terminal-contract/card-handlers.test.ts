import { describe, expect, it } from 'vitest';
import type {
  CardPage,
  CardReserveState,
  CardSeriesJob,
  CardsCsv,
  RedeemOutcome,
  RedemptionItem,
} from '../../../core/contract/types/cards';
import { uuidv7 } from '../../../core/uuidv7';
import { call } from '../terminal/support/terminal-harness';
import {
  START,
  bareTerminal,
  closeTillsAfterEach,
  codeOf,
  fillReserve,
  localTill,
  outboxState,
  signInClerk,
} from './support';

/**
 * The Cards and Redeem screens' handlers on a terminal with no central API reachable (enrolled and synced by a fake
 * pull, its API address answers nothing): what works offline answers from the mirror, the reserve and the sealed
 * PINs; what needs the central API says so; who may call what; refusals leave the cards and the outbox as they were.
 */

closeTillsAfterEach();

const nextYear = new Date(START + 365 * 86_400_000).toISOString();
type SheetView = { logo: { kind: string; dataUrl: string } | null; instructions: string | null };
const svgLogo = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0 L10 0 L10 10 Z" fill="#000"/></svg>',
).toString('base64');

describe('the Cards handlers without the central API', () => {
  it('lists an empty mirror, an empty reserve and no redemptions, then draws a series offline from the reserve', async () => {
    const t = await localTill(100_000, {
      perSaleMax: 100_000,
      totalOfflineMax: 200_000,
      maxHoursSinceSync: 24,
    });
    expect(await call<CardPage>(t.s, 'cards.list', {})).toMatchObject({ total: 0, rows: [] });
    expect(await call<CardReserveState>(t.s, 'cards.reserve')).toMatchObject({ free: 0, prefix: null });
    expect(await call<RedemptionItem[]>(t.s, 'cards.redemptions', {})).toEqual([]);

    fillReserve(t.s, 5);
    const job = await call<CardSeriesJob>(t.s, 'cards.createSeries', {
      amount: 500,
      quantity: 3,
      prefix: '123',
      expiresAt: nextYear,
    });
    expect(job).toMatchObject({
      state: 'done',
      offline: true,
      done: 3,
      firstSerial: '9-0000001',
      lastSerial: '9-0000003',
    });
    expect(await call<CardSeriesJob>(t.s, 'cards.seriesJob', { jobId: job.jobId })).toEqual(job);
    const page = await call<CardPage>(t.s, 'cards.list', { filter: {}, offset: 0, limit: 10 });
    expect(page.rows.map((r) => r.serial)).toEqual(['9-0000001', '9-0000002', '9-0000003']);
    expect(await call<CardReserveState>(t.s, 'cards.reserve')).toMatchObject({ free: 2, prefix: '9' });
  });

  it('reveals a held PIN to a manager and exports the cards with and without PINs', async () => {
    const t = await localTill(100_000, {
      perSaleMax: 100_000,
      totalOfflineMax: 200_000,
      maxHoursSinceSync: 24,
    });
    const pairs = fillReserve(t.s, 2);
    await call(t.s, 'cards.createSeries', { amount: 200, quantity: 2, prefix: '5', expiresAt: nextYear });
    const [first] = (await call<CardPage>(t.s, 'cards.list', {})).rows;
    expect(await call(t.s, 'cards.revealPin', { cardId: first!.id.toUpperCase() })).toEqual({
      serial: '9-0000001',
      pin: pairs[0]!.pin,
    });

    const plain = await call<CardsCsv>(t.s, 'cards.exportCsv', {});
    expect(plain).toMatchObject({ count: 2, withPins: false });
    expect(plain.filename).toMatch(/^cards-.*\.csv$/);
    expect(plain.filename).not.toContain('with-pins');
    expect(plain.csv.split('\r\n')[0]).not.toContain('pin');

    const withPins = await call<CardsCsv>(t.s, 'cards.exportCsv', { includePins: true });
    expect(withPins).toMatchObject({ count: 2, withPins: true });
    expect(withPins.filename).toMatch(/-with-pins\.csv$/);
    const lines = withPins.csv.trimEnd().split('\r\n');
    expect(lines[0]!.endsWith(',pin')).toBe(true);
    expect(lines[1]!.startsWith('9-0000001,200,USD,')).toBe(true);
    expect(lines[1]!.endsWith(`,${pairs[0]!.pin}`)).toBe(true);
    expect(lines[2]!.endsWith(`,${pairs[1]!.pin}`)).toBe(true);
  });

  it('refuses to reveal a PIN this terminal does not hold, and to look up an unknown series job', async () => {
    const t = await localTill();
    expect(await codeOf(call(t.s, 'cards.revealPin', { cardId: uuidv7() }))).toBe('pin_not_held');
    expect(await codeOf(call(t.s, 'cards.seriesJob', { jobId: uuidv7() }))).toBe('not_found');
  });

  it('answers an edit or delete that names no cards with nothing changed, without calling the central API', async () => {
    const t = await localTill();
    const before = outboxState(t.s);
    expect(
      await call(t.s, 'cards.edit', {
        target: { kind: 'filter', filter: {} },
        expiresAt: { mode: 'set', value: nextYear },
      }),
    ).toEqual({
      changed: 0,
      skipped: { activated: 0, expired: 0, void: 0, sameOwner: 0, serialTaken: 0, otherCurrency: 0 },
    });
    expect(
      await call(t.s, 'cards.delete', { target: { kind: 'filter', filter: {} }, confirm: 'delete' }),
    ).toEqual({ deleted: 0, returnedValue: 0, skipped: { activated: 0 }, entryIds: [] });
    expect(outboxState(t.s)).toEqual(before);
  });

  it('says an edit or delete of named cards needs the central API when it does not answer, and changes nothing', async () => {
    const t = await localTill(100_000, {
      perSaleMax: 100_000,
      totalOfflineMax: 200_000,
      maxHoursSinceSync: 24,
    });
    fillReserve(t.s, 1);
    await call(t.s, 'cards.createSeries', { amount: 300, quantity: 1, prefix: '7', expiresAt: nextYear });
    const before = await call<CardPage>(t.s, 'cards.list', {});
    const outbox = outboxState(t.s);
    const ids = before.rows.map((r) => r.id.toUpperCase());
    await expect(
      call(t.s, 'cards.edit', { target: { kind: 'ids', ids }, expiresAt: { mode: 'preserve' } }),
    ).rejects.toMatchObject({ code: 'offline', message: expect.stringContaining('Editing cards') });
    await expect(
      call(t.s, 'cards.delete', { target: { kind: 'ids', ids }, confirm: 'delete' }),
    ).rejects.toMatchObject({ code: 'offline', message: expect.stringContaining('Deleting cards') });
    expect(await call<CardPage>(t.s, 'cards.list', {})).toEqual(before);
    expect(outboxState(t.s)).toEqual(outbox);
  });

  it('sets the reserve size for a manager and keeps the pairs held', async () => {
    const t = await localTill();
    fillReserve(t.s, 3);
    expect(await call<CardReserveState>(t.s, 'cards.setReserveSize', { size: 2 })).toMatchObject({
      free: 3,
      target: 2,
    });
    expect(await call<CardReserveState>(t.s, 'cards.reserve')).toMatchObject({ free: 3, target: 2 });
  });

  it('queues a redemption offline and lists it as pending', async () => {
    const t = await localTill();
    const outcome = await call<RedeemOutcome>(t.s, 'cards.redeem', {
      customerAccount: '+15550001234',
      pin: '1234-5678-9012',
    });
    expect(outcome).toMatchObject({ status: 'pending' });
    const list = await call<RedemptionItem[]>(t.s, 'cards.redemptions', { limit: 5 });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ state: 'pending', customerAccount: '+15550001234' });
  });

  it('reports unknown sheet jobs as not found to a manager', async () => {
    const t = await localTill();
    const jobId = uuidv7();
    expect(await codeOf(call(t.s, 'cards.sheetJob', { jobId }))).toBe('not_found');
    expect(await codeOf(call(t.s, 'cards.cancelSheet', { jobId }))).toBe('not_found');
    expect(await codeOf(call(t.s, 'cards.sheetFile', { jobId, offset: 0 }))).toBe('not_found');
    expect(await call(t.s, 'cards.discardSheet', { jobId })).toEqual({ removed: false });
    expect(
      await codeOf(
        call(t.s, 'cards.printSheet', { target: { kind: 'ids', ids: [uuidv7()] }, destination: 'file' }),
      ),
    ).toBe('nothing_to_print');
  });

  it('renders a sheet preview for a manager', async () => {
    const t = await localTill();
    const preview = await call<{ pdfBase64: string }>(t.s, 'cards.sheetPreview', {
      layout: { paper: 'Letter', preset: 'dense-50', barcode: 'qr', cutMarks: false },
    });
    expect(Buffer.from(preview.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('the voucher sheet settings', () => {
  it('start empty, keep an SVG logo and a text, change one without the other, and remove the logo', async () => {
    const t = await localTill();
    expect(await call<SheetView>(t.s, 'cards.sheetSettings')).toEqual({ logo: null, instructions: null });
    const saved = await call<SheetView>(t.s, 'cards.setSheetSettings', {
      logo: { kind: 'svg', base64: svgLogo },
      instructions: 'Dial *123*PIN#',
    });
    expect(saved).toEqual({
      logo: { kind: 'svg', dataUrl: `data:image/svg+xml;base64,${svgLogo}` },
      instructions: 'Dial *123*PIN#',
    });
    expect(await call<SheetView>(t.s, 'cards.setSheetSettings', { instructions: 'Scan to redeem' })).toEqual({
      ...saved,
      instructions: 'Scan to redeem',
    });
    expect(await call<SheetView>(t.s, 'cards.setSheetSettings', { logo: null, instructions: null })).toEqual({
      logo: null,
      instructions: null,
    });
    expect(await call<SheetView>(t.s, 'cards.sheetSettings')).toEqual({ logo: null, instructions: null });
  });

  it('refuse an empty logo, an SVG it cannot draw and a PNG that is not one, keeping the saved settings', async () => {
    const t = await localTill();
    const saved = await call<SheetView>(t.s, 'cards.setSheetSettings', {
      logo: { kind: 'svg', base64: svgLogo },
      instructions: 'Keep me',
    });
    const textSvg = Buffer.from('<svg viewBox="0 0 10 10"><text>logo</text></svg>').toString('base64');
    await expect(
      call(t.s, 'cards.setSheetSettings', { logo: { kind: 'svg', base64: textSvg }, instructions: 'New' }),
    ).rejects.toMatchObject({ code: 'unsupported_logo', message: expect.stringMatching(/^This SVG cannot/) });
    await expect(
      call(t.s, 'cards.setSheetSettings', { logo: { kind: 'png', base64: '' } }),
    ).rejects.toMatchObject({ code: 'unsupported_logo', message: expect.stringContaining('256 KB') });
    await expect(
      call(t.s, 'cards.setSheetSettings', {
        logo: { kind: 'png', base64: Buffer.from('GIF89a').toString('base64') },
      }),
    ).rejects.toMatchObject({
      code: 'unsupported_logo',
      message: 'This PNG cannot be printed: not a PNG file.',
    });
    expect(await call<SheetView>(t.s, 'cards.sheetSettings')).toEqual(saved);
  });

  it('ignore a stored logo of a kind the sheets do not draw', async () => {
    const t = await localTill();
    t.s.terminal.ledger.db
      .prepare("INSERT INTO app_settings (key, value, updated_at) VALUES ('cards.sheetLogo', ?, '')")
      .run(JSON.stringify({ kind: 'gif', base64: 'R0lGODlh' }));
    expect(await call<SheetView>(t.s, 'cards.sheetSettings')).toEqual({ logo: null, instructions: null });
  });
});

describe('who may use the Cards handlers', () => {
  it('refuses every call when nobody is signed in', async () => {
    const t = await localTill();
    await call(t.s, 'session.signOut');
    const jobId = uuidv7();
    const calls: [string, unknown][] = [
      ['cards.list', {}],
      ['cards.seriesJob', { jobId }],
      ['cards.reserve', {}],
      ['cards.redemptions', {}],
      ['cards.sheetSettings', {}],
      ['cards.exportCsv', {}],
      ['cards.redeem', { customerAccount: '+15550001234', pin: '123456789012' }],
    ];
    for (const [name, input] of calls) expect(await codeOf(call(t.s, name, input)), name).toBe('signed_out');
    expect(t.s.terminal.cards.recentRedemptions(10)).toEqual([]);
  });

  it("refuses a clerk the manager's calls and lets them read, export without PINs and redeem", async () => {
    const t = await localTill();
    fillReserve(t.s, 2);
    await signInClerk(t.s);
    const jobId = uuidv7();
    const layout = { paper: 'A4', preset: 'card-10', barcode: 'code128', cutMarks: true };
    const managerOnly: [string, unknown][] = [
      ['cards.createSeries', { amount: 100, quantity: 1, prefix: '1', expiresAt: nextYear }],
      ['cards.edit', { target: { kind: 'ids', ids: [uuidv7()] }, expiresAt: { mode: 'preserve' } }],
      ['cards.delete', { target: { kind: 'ids', ids: [uuidv7()] }, confirm: 'delete' }],
      ['cards.revealPin', { cardId: uuidv7() }],
      ['cards.exportCsv', { includePins: true }],
      ['cards.setReserveSize', { size: 5 }],
      ['cards.printSheet', { target: { kind: 'ids', ids: [uuidv7()] }, destination: 'file' }],
      ['cards.sheetJob', { jobId }],
      ['cards.cancelSheet', { jobId }],
      ['cards.sheetFile', { jobId, offset: 0 }],
      ['cards.discardSheet', { jobId }],
      ['cards.sheetPreview', { layout }],
      ['cards.setSheetSettings', { instructions: 'No' }],
    ];
    for (const [name, input] of managerOnly)
      expect(await codeOf(call(t.s, name, input)), name).toBe('forbidden');
    expect(await call<CardReserveState>(t.s, 'cards.reserve')).toMatchObject({ free: 2, target: 1000 });
    expect(await call<SheetView>(t.s, 'cards.sheetSettings')).toEqual({ logo: null, instructions: null });
    expect((await call<CardPage>(t.s, 'cards.list', {})).total).toBe(0);
    expect(await call<CardsCsv>(t.s, 'cards.exportCsv', {})).toMatchObject({ count: 0, withPins: false });
    expect(
      await call<RedeemOutcome>(t.s, 'cards.redeem', { customerAccount: '+15550001234', pin: '55555' }),
    ).toMatchObject({ status: 'pending' });
  });

  it('refuses a redemption on a terminal that is not enrolled', async () => {
    const s = await bareTerminal();
    await expect(
      s.terminal.cardRedeem.redeem({ customerAccount: '+15550001234', pin: '123456789012' }, uuidv7()),
    ).rejects.toMatchObject({ code: 'not_enrolled' });
    expect(s.terminal.cards.recentRedemptions(10)).toEqual([]);
  });
});
