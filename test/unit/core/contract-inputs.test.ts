import { describe, expect, it } from 'vitest';
import { isMethodName, methodNames, methods, type MethodName } from '../../../core/contract/methods';

/**
 * The contract's input schemas, which both hosts validate every call with (main/contract/dispatcher.ts): the bounds
 * the UI promises, the defaults a missing field gets, and the message a refusal shows.
 */

const V4 = '3b241101-e2bb-4255-8caf-4136c566a962';
const V7 = '01890a5d-ac96-774b-bcce-b302099a8057';

function parse(name: MethodName, input: unknown): unknown {
  const parsed = methods[name].input.safeParse(input);
  expect(parsed.error?.issues ?? [], `${name} ${JSON.stringify(input).slice(0, 120)}`).toEqual([]);
  return parsed.data;
}
function refuse(name: MethodName, input: unknown, message?: RegExp): void {
  const parsed = methods[name].input.safeParse(input);
  expect(parsed.success, `${name} accepted ${JSON.stringify(input).slice(0, 120)}`).toBe(false);
  if (message) expect(parsed.error?.issues.map((i) => i.message).join('; ')).toMatch(message);
}

describe('contract method names', () => {
  it('knows its own methods and nothing else, inherited names included', () => {
    expect(methodNames).toContain('sales.create');
    expect(methodNames.every(isMethodName)).toBe(true);
    for (const name of ['sales.nope', 'toString', '__proto__', 'constructor', 42, null, undefined]) {
      expect(isMethodName(name), String(name)).toBe(false);
    }
  });

  it('methods without input take an empty object only', () => {
    parse('app.status', {});
    refuse('app.status', { extra: 1 });
  });
});

describe('terminal and clerk inputs', () => {
  it('app.ping: 1 to 200 characters', () => {
    parse('app.ping', { text: 'x'.repeat(200) });
    refuse('app.ping', { text: '' }, /text is required/);
    refuse('app.ping', { text: 'x'.repeat(201) }, /text is at most 200 characters/);
  });

  it('terminal.enroll: an address, a code of 6 to 64 characters and a name of 1 to 80, trimmed', () => {
    const ok = { apiUrl: ' http://127.0.0.1:1 ', code: ' ABCDEF ', terminalName: ' Front ' };
    expect(parse('terminal.enroll', ok)).toEqual({
      apiUrl: 'http://127.0.0.1:1',
      code: 'ABCDEF',
      terminalName: 'Front',
    });
    parse('terminal.enroll', {
      ...ok,
      apiUrl: 'h'.repeat(500),
      code: 'c'.repeat(64),
      terminalName: 'n'.repeat(80),
    });
    refuse('terminal.enroll', { ...ok, apiUrl: ' ' }, /API address is required/);
    refuse('terminal.enroll', { ...ok, apiUrl: 'h'.repeat(501) });
    refuse('terminal.enroll', { ...ok, code: 'ABCDE ' }, /enrollment code is at least 6 characters/);
    refuse('terminal.enroll', { ...ok, code: 'c'.repeat(65) });
    refuse('terminal.enroll', { ...ok, terminalName: '  ' }, /terminal name is required/);
    refuse(
      'terminal.enroll',
      { ...ok, terminalName: 'n'.repeat(81) },
      /terminal name is at most 80 characters/,
    );
    expect(parse('terminal.enrollDemo', {})).toEqual({});
    refuse('terminal.enrollDemo', { terminalName: '' }, /terminal name is required/);
    refuse('terminal.setApiUrl', { apiUrl: '' }, /API address is required/);
    refuse('terminal.setApiUrl', { apiUrl: 'h'.repeat(501) });
  });

  it('clerks.create: a trimmed name of 1 to 60, a PIN of 4 to 8 digits, a clerk unless told', () => {
    expect(parse('clerks.create', { name: ' Ann ', pin: '1234' })).toEqual({
      name: 'Ann',
      pin: '1234',
      role: 'clerk',
    });
    parse('clerks.create', { name: 'n'.repeat(60), pin: '12345678', role: 'manager' });
    refuse('clerks.create', { name: ' ', pin: '1234' }, /name is required/);
    refuse('clerks.create', { name: 'n'.repeat(61), pin: '1234' }, /name is at most 60 characters/);
    refuse('clerks.create', { name: 'Ann', pin: '123' }, /PIN must be 4 to 8 digits/);
    refuse('clerks.create', { name: 'Ann', pin: '123456789' }, /PIN must be 4 to 8 digits/);
    refuse('clerks.create', { name: 'Ann', pin: '1234', role: 'owner' });
  });

  it('session.signIn: a clerk id and a PIN of 1 to 16 characters', () => {
    parse('session.signIn', { clerkId: V4, pin: 'p'.repeat(16) });
    refuse('session.signIn', { clerkId: V4, pin: '' }, /PIN is required/);
    refuse('session.signIn', { clerkId: V4, pin: 'p'.repeat(17) });
    refuse('session.signIn', { clerkId: 'ann', pin: '1234' });
  });
});

describe('sync and sales inputs', () => {
  it('sync.commands: pending, 50 at a time unless told (1 to 200), paged by a numeric cursor', () => {
    expect(parse('sync.commands', {})).toEqual({ filter: 'pending', limit: 50, before: null });
    parse('sync.commands', { filter: 'quarantined', limit: 200, before: '123' });
    parse('sync.commands', { limit: 1 });
    refuse('sync.commands', { limit: 0 });
    refuse('sync.commands', { limit: 201 });
    refuse('sync.commands', { before: '12a' });
    refuse('sync.commands', { before: 'a12' });
    refuse('sync.commands', { filter: 'all' });
  });

  it('sales.create: a package, an account, 1 to 100 of it (1 unless told), positive tender, a UUIDv7 id', () => {
    const ok = { packageId: V4, customerAccount: '+4470000001' };
    expect(parse('sales.create', ok)).toEqual({ ...ok, quantity: 1 });
    parse('sales.create', { ...ok, quantity: 100, tenderedAmount: 1, saleId: V7 });
    refuse('sales.create', { ...ok, quantity: 0 }, /quantity is at least 1/);
    refuse('sales.create', { ...ok, quantity: 101 }, /quantity is at most 100/);
    refuse('sales.create', { ...ok, tenderedAmount: 0 });
    refuse('sales.create', { ...ok, saleId: V4 });
    refuse('sales.create', { ...ok, customerAccount: '12' });
  });

  it('sales.list: times normalised to UTC, 50 a page unless told (1 to 200), a customer of up to 20 characters', () => {
    expect(parse('sales.list', { from: '2026-03-01T12:00:00+02:00' })).toEqual({
      from: '2026-03-01T10:00:00.000Z',
      limit: 50,
      before: null,
    });
    parse('sales.list', {
      status: 'not_sold',
      sync: 'rejected',
      customer: ' 12345678901234567890 ',
      limit: 200,
    });
    parse('sales.list', { before: 'c'.repeat(200), limit: 1 });
    refuse('sales.list', { before: 'c'.repeat(201) });
    refuse('sales.list', { customer: '1'.repeat(21) }, /customer is at most 20 characters/);
    refuse('sales.list', { limit: 0 });
    refuse('sales.list', { limit: 201 });
    refuse('sales.list', { from: 'yesterday' });
  });

  it('sales.outcomesNotShown and cards.redemptions: 50 unless told, 1 to 200', () => {
    for (const name of ['sales.outcomesNotShown', 'cards.redemptions'] as const) {
      expect(parse(name, {})).toEqual({ limit: 50 });
      parse(name, { limit: 200 });
      refuse(name, { limit: 0 });
      refuse(name, { limit: 201 });
    }
  });
});

describe('card inputs', () => {
  it('cards.list: every card, 100 at a time from the start unless told (1 to 500)', () => {
    expect(parse('cards.list', {})).toEqual({ filter: {}, offset: 0, limit: 100 });
    parse('cards.list', { offset: 0, limit: 500, filter: { serialFrom: ' 1 ', serialTo: 'x'.repeat(32) } });
    refuse('cards.list', { offset: -1 });
    refuse('cards.list', { limit: 0 });
    refuse('cards.list', { limit: 501 });
    refuse('cards.list', { filter: { serialTo: 'x'.repeat(33) } });
    refuse('cards.list', { filter: { prefix: '0' } }, /a series is 1 to 6 digits, not starting with 0/);
    refuse('cards.list', { filter: { validity: 'later' } });
  });

  it('cards.createSeries: 1 to 100,000 cards, PINs of 5 to 20 (12 unless told), credits valid for ever unless told', () => {
    const ok = { amount: 100, quantity: 1, prefix: '9', expiresAt: '2027-01-01T00:00:00+01:00' };
    expect(parse('cards.createSeries', ok)).toEqual({
      ...ok,
      expiresAt: '2026-12-31T23:00:00.000Z',
      pinLength: 12,
      grantValidityDays: null,
    });
    parse('cards.createSeries', { ...ok, quantity: 100_000, pinLength: 5, grantValidityDays: 3650 });
    parse('cards.createSeries', { ...ok, pinLength: 20, grantValidityDays: 1 });
    refuse('cards.createSeries', { ...ok, quantity: 0 }, /quantity is at least 1/);
    refuse('cards.createSeries', { ...ok, quantity: 100_001 }, /quantity is at most 100000/);
    refuse('cards.createSeries', { ...ok, pinLength: 4 }, /PIN length is at least 5/);
    refuse('cards.createSeries', { ...ok, pinLength: 21 }, /PIN length is at most 20/);
    refuse('cards.createSeries', { ...ok, grantValidityDays: 0 });
    refuse('cards.createSeries', { ...ok, grantValidityDays: 3651 });
    refuse('cards.createSeries', { ...ok, prefix: '01' }, /a series is 1 to 6 digits/);
  });

  it('cards.edit and cards.delete: at least one card or a filter; a delete needs the word', () => {
    const expiresAt = { mode: 'preserve' };
    parse('cards.edit', { target: { kind: 'ids', ids: [V4] }, expiresAt });
    parse('cards.edit', {
      target: { kind: 'filter', filter: {} },
      expiresAt: { mode: 'set', value: '2027-01-01T00:00:00Z' },
    });
    refuse('cards.edit', { target: { kind: 'ids', ids: [] }, expiresAt }, /select at least one card/);
    refuse('cards.edit', { target: { kind: 'all' }, expiresAt });
    refuse('cards.edit', { target: { kind: 'filter', filter: {} }, expiresAt: { mode: 'set' } });
    parse('cards.delete', { target: { kind: 'ids', ids: [V4] }, confirm: 'delete' });
    refuse(
      'cards.delete',
      { target: { kind: 'ids', ids: [V4] }, confirm: 'Delete' },
      /type delete to confirm/,
    );
  });

  it('cards.printSheet: A4 10-up Code 128 with cut marks unless told; a reprint reason of 3 to 200 characters', () => {
    const target = { kind: 'ids', ids: [V4] };
    expect(parse('cards.printSheet', { target, destination: 'file' })).toEqual({
      target,
      destination: 'file',
      layout: { paper: 'A4', preset: 'card-10', barcode: 'code128', cutMarks: true },
    });
    expect(parse('cards.printSheet', { target, destination: 'printer', layout: {} })).toMatchObject({
      layout: { paper: 'A4', preset: 'card-10', barcode: 'code128', cutMarks: true },
    });
    parse('cards.printSheet', {
      target,
      destination: 'printer',
      layout: {
        paper: 'Letter',
        preset: 'dense-50',
        barcode: 'qr',
        cutMarks: false,
        instructions: 'i'.repeat(200),
      },
      reprintReason: ' jam ',
    });
    refuse(
      'cards.printSheet',
      { target, destination: 'file', reprintReason: ' ab ' },
      /say why the cards are printed again/,
    );
    refuse('cards.printSheet', { target, destination: 'file', reprintReason: 'r'.repeat(201) });
    refuse(
      'cards.printSheet',
      { target, destination: 'file', layout: { instructions: 'i'.repeat(201) } },
      /instructions are at most 200 characters/,
    );
    refuse('cards.printSheet', { target, destination: 'email' });
  });

  it('cards.sheetPreview: a complete layout', () => {
    const layout = { paper: 'A4', preset: 'labels-21', barcode: 'qr', cutMarks: true };
    parse('cards.sheetPreview', { layout });
    refuse(
      'cards.sheetPreview',
      { layout: { ...layout, instructions: 'i'.repeat(201) } },
      /at most 200 characters/,
    );
    refuse('cards.sheetPreview', { layout: { paper: 'A4' } });
  });

  it('cards.setSheetSettings: a PNG or SVG logo of at most 256 KB, redemption text trimmed (empty: none)', () => {
    expect(parse('cards.setSheetSettings', { instructions: '  ' })).toEqual({ instructions: null });
    expect(parse('cards.setSheetSettings', { instructions: ' Scratch ' })).toEqual({
      instructions: 'Scratch',
    });
    expect(parse('cards.setSheetSettings', { instructions: null })).toEqual({ instructions: null });
    parse('cards.setSheetSettings', { logo: { kind: 'png', base64: 'QUJD' } });
    parse('cards.setSheetSettings', { logo: { kind: 'svg', base64: 'A'.repeat(350_000) } });
    parse('cards.setSheetSettings', { logo: null });
    refuse(
      'cards.setSheetSettings',
      { logo: { kind: 'svg', base64: 'A'.repeat(350_004) } },
      /the logo is at most 256 KB/,
    );
    refuse('cards.setSheetSettings', { logo: { kind: 'gif', base64: 'QUJD' } });
    refuse(
      'cards.setSheetSettings',
      { instructions: 'r'.repeat(201) },
      /redemption text is at most 200 characters/,
    );
  });

  it('cards.sheetFile, cards.setReserveSize and cards.redeem bounds', () => {
    parse('cards.sheetFile', { jobId: V4, offset: 0 });
    refuse('cards.sheetFile', { jobId: V4, offset: -1 });
    parse('cards.setReserveSize', { size: 0 });
    parse('cards.setReserveSize', { size: 10_000 });
    refuse('cards.setReserveSize', { size: -1 }, /at least 0/);
    refuse('cards.setReserveSize', { size: 10_001 }, /at most 10000/);
    const redeem = { customerAccount: '1234', pin: 'p'.repeat(64) };
    expect(parse('cards.redeem', { ...redeem, serial: ' 12 ', redemptionId: V7 })).toMatchObject({
      serial: '12',
    });
    refuse('cards.redeem', { ...redeem, pin: 'p'.repeat(65) });
    refuse('cards.redeem', { ...redeem, serial: 's'.repeat(65) });
    refuse('cards.redeem', { ...redeem, redemptionId: V4 });
    expect(parse('cards.exportCsv', {})).toEqual({ filter: {}, includePins: false });
  });
});

describe('settings.update', () => {
  it('changes only what it names; texts trimmed, empty meaning none, within their lengths', () => {
    expect(parse('settings.update', {})).toEqual({});
    expect(
      parse('settings.update', { shopName: '  ', shopAddress: ' 1 Main St ', printerName: null }),
    ).toEqual({
      shopName: null,
      shopAddress: '1 Main St',
      printerName: null,
    });
    parse('settings.update', {
      shopName: 's'.repeat(80),
      shopAddress: 'a'.repeat(200),
      printerName: 'p'.repeat(127),
    });
    refuse('settings.update', { shopName: 's'.repeat(81) }, /shop name is at most 80 characters/);
    refuse('settings.update', { shopAddress: 'a'.repeat(201) }, /shop address is at most 200 characters/);
    refuse('settings.update', { printerName: 'p'.repeat(128) }, /printer name is at most 127 characters/);
    refuse('settings.update', { paperWidth: '110mm' });
    refuse('settings.update', { autoPrint: 'yes' });
    refuse('settings.update', { theme: 'dark' });
  });

  it('an online wait of 500 to 10000 ms and an auto-lock of 0 to 120 minutes', () => {
    parse('settings.update', { onlineWaitMs: 500, autoLockMinutes: 0 });
    parse('settings.update', { onlineWaitMs: 10_000, autoLockMinutes: 120 });
    refuse('settings.update', { onlineWaitMs: 499 }, /online wait is at least 500 ms/);
    refuse('settings.update', { onlineWaitMs: 10_001 }, /online wait is at most 10000 ms/);
    refuse('settings.update', { autoLockMinutes: -1 }, /auto-lock is at least 0 minutes/);
    refuse('settings.update', { autoLockMinutes: 121 }, /auto-lock is at most 120 minutes/);
  });
});
