import { describe, expect, it } from 'vitest';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type {
  CashMove,
  RenderedShiftReport,
  ShiftReport,
  ShiftState,
  ShiftSummary,
} from '../../../core/contract/types/shifts';
import type { WalletBalanceView, WalletNoticeItem } from '../../../core/contract/types/wallet';
import { uuidv7 } from '../../../core/uuidv7';
import { call } from '../terminal/support/terminal-harness';
import { waitForEvent } from '../terminal/support/wait-for';
import {
  START,
  closeTillsAfterEach,
  codeOf,
  localTill,
  outboxState,
  signInClerk,
  type LocalTill,
} from './support';

/**
 * Shifts and the wallet at a terminal whose central API does not answer (enrolled and synced by a fake pull, on an
 * injected clock): every refusal answers its code and leaves the shift, the drawer and the outbox as they were; the
 * wallet's money-moving calls keep their request id across failures and refuse a different request meanwhile.
 */

closeTillsAfterEach();

const account = '+15550001234';
const total = (n: number) => ({ kind: 'total', total: n });

function shiftTypes(t: LocalTill): string[] {
  return t.s.terminal.ledger
    .peekOutbox(100)
    .map((c) => c.type)
    .filter((type) => type.startsWith('shift.'));
}

describe('shifts', () => {
  it('opens once per attempt, refuses a second open shift, and changes nothing on refusal', async () => {
    const t = await localTill();
    const empty = await call<ShiftState>(t.s, 'shifts.current');
    expect(empty).toMatchObject({ current: null, currency: 'USD', requireOpenShift: false, moves: [] });
    const shiftId = uuidv7();
    const opened = await call<ShiftSummary>(t.s, 'shifts.open', { float: total(5_000), shiftId });
    expect(opened).toMatchObject({ id: shiftId, state: 'open', float: 5_000, implicit: false });
    expect(await call(t.s, 'shifts.open', { float: total(1), shiftId: shiftId.toUpperCase() })).toEqual(
      opened,
    );
    expect(await codeOf(call(t.s, 'shifts.open', { float: total(100) }))).toBe('shift_open');
    expect(shiftTypes(t)).toEqual(['shift.open']);
    expect((await call<ShiftState>(t.s, 'shifts.current')).current).toEqual(opened);
  });

  it('moves cash in and out of the open shift, once per move id, and refuses bad amounts', async () => {
    const t = await localTill();
    expect(await codeOf(call(t.s, 'shifts.cashMove', { kind: 'in', amount: 100, reason: 'change' }))).toBe(
      'no_open_shift',
    );
    await call(t.s, 'shifts.open', { float: total(1_000) });
    const moveId = uuidv7();
    const move = await call<CashMove>(t.s, 'shifts.cashMove', {
      kind: 'out',
      amount: 300,
      reason: 'bank',
      moveId,
    });
    expect(move).toMatchObject({ id: moveId, kind: 'out', amount: 300, clerkName: 'Manager' });
    expect(
      await call(t.s, 'shifts.cashMove', {
        kind: 'out',
        amount: 300,
        reason: 'bank',
        moveId: moveId.toUpperCase(),
      }),
    ).toMatchObject({ id: moveId, amount: 300 });
    for (const amount of [0, -5, 1.5, Number.MAX_SAFE_INTEGER]) {
      expect(() =>
        t.s.terminal.shifts.cashMove({ id: t.managerId, name: 'Manager' }, 'in', amount, 'x'),
      ).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
    }
    expect((await call<ShiftState>(t.s, 'shifts.current')).moves).toHaveLength(1);
    const x = await call<RenderedShiftReport>(t.s, 'shifts.report', { kind: 'X' });
    expect(x.report).toMatchObject({ kind: 'X', float: 1_000, cashOut: 300, expected: 700 });
  });

  it('refuses reports of shifts that are not there or not closed', async () => {
    const t = await localTill();
    expect(await codeOf(call(t.s, 'shifts.report', { kind: 'X' }))).toBe('no_open_shift');
    expect(await codeOf(call(t.s, 'shifts.report', { kind: 'X', shiftId: uuidv7() }))).toBe('not_found');
    expect(await codeOf(call(t.s, 'shifts.report', { kind: 'Z' }))).toBe('not_found');
    expect(await codeOf(call(t.s, 'shifts.report', { kind: 'Z', shiftId: uuidv7() }))).toBe('not_found');
    const open = await call<ShiftSummary>(t.s, 'shifts.open', { float: total(0) });
    expect(await codeOf(call(t.s, 'shifts.report', { kind: 'Z', shiftId: open.id }))).toBe(
      'shift_not_closed',
    );
    expect(await codeOf(call(t.s, 'shifts.close', { shiftId: uuidv7(), counted: total(0) }))).toBe(
      'not_found',
    );
    expect(await codeOf(call(t.s, 'shifts.print', { kind: 'X' }))).toBe('no_printer');
    expect((await call<ShiftState>(t.s, 'shifts.current')).current).toMatchObject({
      id: open.id,
      state: 'open',
    });
  });

  it('closes once: closing again answers the same Z-report, and the X-report of the closed shift stops at its close', async () => {
    const t = await localTill();
    const open = await call<ShiftSummary>(t.s, 'shifts.open', { float: total(2_000) });
    await call(t.s, 'shifts.cashMove', { kind: 'in', amount: 500, reason: 'float top-up' });
    t.setNow(START + 60_000);
    const z = await call<ShiftReport>(t.s, 'shifts.close', { shiftId: open.id, counted: total(2_400) });
    expect(z).toMatchObject({ kind: 'Z', expected: 2_500, shift: { counted: 2_400, difference: -100 } });
    expect(z.shift.zNumber).toMatch(/-Z000001$/);
    t.setNow(START + 120_000);
    expect(await call(t.s, 'shifts.close', { shiftId: open.id, counted: total(9_999) })).toEqual(z);
    const x = await call<RenderedShiftReport>(t.s, 'shifts.report', { kind: 'X', shiftId: open.id });
    expect(x.report).toMatchObject({ kind: 'X', expected: 2_500 });
    const zAgain = await call<RenderedShiftReport>(t.s, 'shifts.report', { kind: 'Z', shiftId: open.id });
    expect(zAgain.report.shift.zNumber).toBe(z.shift.zNumber);
    expect(shiftTypes(t)).toEqual(['shift.open', 'shift.close']);
  });

  it('a sale opens a shift at float 0 by default, and that shift sends its open with its close', async () => {
    const t = await localTill();
    const sale = await call<SaleCreateOutcome>(t.s, 'sales.create', {
      packageId: t.pkg.id,
      customerAccount: account,
      quantity: 1,
    });
    expect(sale.outcome).toBe('queued');
    const current = (await call<ShiftState>(t.s, 'shifts.current')).current!;
    expect(current).toMatchObject({ implicit: true, float: 0 });
    expect(shiftTypes(t)).toEqual([]);
    // A second sale joins the same shift.
    await call(t.s, 'sales.create', { packageId: t.pkg.id, customerAccount: account, quantity: 1 });
    expect((await call<ShiftState>(t.s, 'shifts.current')).current?.id).toBe(current.id);
    // The shift's window ends at its close, after the sales.
    t.setNow(START + 60_000);
    const z = await call<ShiftReport>(t.s, 'shifts.close', { shiftId: current.id, counted: total(200) });
    expect(z).toMatchObject({ salesCount: 2, salesAmount: 200, shift: { implicit: true, difference: 0 } });
    expect(shiftTypes(t)).toEqual(['shift.open', 'shift.close']);
  });

  it("names a sale's clerk '-' on the X-report when the sale has no clerk", async () => {
    const t = await localTill();
    await call(t.s, 'shifts.open', { float: total(0) });
    const sale = await t.s.terminal.sales.createSale(
      { packageId: t.pkg.id, customerAccount: account, quantity: 1 },
      null,
    );
    expect(sale.outcome).toBe('queued');
    const x = t.s.terminal.shifts.xReport();
    expect(x.salesCount).toBe(1);
    expect(x.byClerk).toEqual([expect.objectContaining({ clerkName: '-', salesCount: 1 })]);
  });

  it('with an open shift required, refuses a sale (writing nothing) until a clerk opens one', async () => {
    const t = await localTill();
    expect(await call<ShiftState>(t.s, 'shifts.setRequireOpen', { requireOpenShift: true })).toMatchObject({
      requireOpenShift: true,
    });
    const before = outboxState(t.s);
    expect(
      await codeOf(call(t.s, 'sales.create', { packageId: t.pkg.id, customerAccount: account, quantity: 1 })),
    ).toBe('shift_required');
    expect(outboxState(t.s)).toEqual(before);
    await call(t.s, 'shifts.open', { float: total(0) });
    expect(
      (
        await call<SaleCreateOutcome>(t.s, 'sales.create', {
          packageId: t.pkg.id,
          customerAccount: account,
          quantity: 1,
        })
      ).outcome,
    ).toBe('queued');
  });

  it('lists closed shifts newest first, a page at a time, for a manager only', async () => {
    const t = await localTill();
    for (let i = 0; i < 3; i += 1) {
      const open = await call<ShiftSummary>(t.s, 'shifts.open', { float: total(i) });
      await call(t.s, 'shifts.close', { shiftId: open.id, counted: total(i) });
    }
    const first = await call<{ rows: ShiftSummary[]; next: number | null }>(t.s, 'shifts.list', {
      before: null,
      limit: 2,
    });
    expect(first.rows.map((r) => r.number)).toEqual([3, 2]);
    expect(first.next).toBe(2);
    const rest = await call<{ rows: ShiftSummary[]; next: number | null }>(t.s, 'shifts.list', {
      before: first.next,
      limit: 2,
    });
    expect(rest).toMatchObject({ rows: [{ number: 1 }], next: null });
    await signInClerk(t.s);
    expect(await codeOf(call(t.s, 'shifts.list', { before: null, limit: 2 }))).toBe('forbidden');
    expect(await codeOf(call(t.s, 'shifts.setRequireOpen', { requireOpenShift: true }))).toBe('forbidden');
    expect((await call<ShiftState>(t.s, 'shifts.current')).requireOpenShift).toBe(false);
  });
});

describe('the wallet without the central API', () => {
  it('shows the last pulled balance as stale, and its pending debits', async () => {
    const t = await localTill(10_000);
    await call(t.s, 'sales.create', { packageId: t.pkg.id, customerAccount: account, quantity: 1 });
    expect(await call<WalletBalanceView>(t.s, 'wallet.balance')).toMatchObject({
      currency: 'USD',
      serverBalance: 10_000,
      pendingDebits: 90,
      pendingCount: 1,
      available: 9_910,
      stale: true,
    });
  });

  it('says the history, its export and the packages need the central API', async () => {
    const t = await localTill();
    await expect(call(t.s, 'wallet.history', { limit: 10 })).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringContaining('The wallet history'),
    });
    await expect(call(t.s, 'wallet.historyCsv', {})).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringContaining('Exporting the wallet history'),
    });
    await expect(call(t.s, 'wallet.packages')).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringContaining('The credit packages'),
    });
  });

  it('keeps a purchase without an answer waiting, reuses it for the same package and refuses another meanwhile', async () => {
    const t = await localTill();
    const packageId = uuidv7();
    await expect(call(t.s, 'wallet.buyPackage', { packageId })).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringContaining('Buying credits needs the central API'),
    });
    const waiting = t.s.terminal.ledger.db
      .prepare("SELECT id FROM wallet_requests WHERE kind = 'purchase'")
      .all() as { id: string }[];
    expect(waiting).toHaveLength(1);
    await expect(call(t.s, 'wallet.buyPackage', { packageId: uuidv7() })).rejects.toMatchObject({
      code: 'purchase_pending',
    });
    await expect(
      call(t.s, 'wallet.buyPackage', { packageId: packageId.toUpperCase() }),
    ).rejects.toMatchObject({
      code: 'offline',
    });
    expect(
      t.s.terminal.ledger.db.prepare("SELECT id FROM wallet_requests WHERE kind = 'purchase'").all(),
    ).toEqual(waiting);
  });

  it('keeps a transfer without an answer waiting and refuses a different one meanwhile, moving nothing', async () => {
    const t = await localTill(10_000);
    const to = uuidv7();
    await expect(call(t.s, 'wallet.transfer', { toResellerId: to, amount: 500 })).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringContaining('Moving credits'),
    });
    await expect(call(t.s, 'wallet.transfer', { toResellerId: to, amount: 600 })).rejects.toMatchObject({
      code: 'transfer_pending',
    });
    await expect(
      call(t.s, 'wallet.transfer', { toResellerId: to.toUpperCase(), amount: 500 }),
    ).rejects.toMatchObject({ code: 'offline' });
    expect(await call<WalletBalanceView>(t.s, 'wallet.balance')).toMatchObject({ serverBalance: 10_000 });
  });

  it('refuses the wallet to a clerk who is not a manager, but shows them the balance and notices', async () => {
    const t = await localTill();
    await signInClerk(t.s);
    for (const [name, input] of [
      ['wallet.history', {}],
      ['wallet.packages', {}],
      ['wallet.buyPackage', { packageId: uuidv7() }],
      ['wallet.transfer', { toResellerId: uuidv7(), amount: 1 }],
    ] as const)
      expect(await codeOf(call(t.s, name, input)), name).toBe('forbidden');
    expect((await call<WalletBalanceView>(t.s, 'wallet.balance')).serverBalance).toBe(10_000);
    expect(await call<WalletNoticeItem[]>(t.s, 'wallet.notices', { limit: 5 })).toEqual([]);
    expect(t.s.terminal.ledger.db.prepare('SELECT count(*) AS n FROM wallet_requests').get()).toEqual({
      n: 0,
    });
  });

  it('stores a notice from the change feed once and announces it after the pull committed', async () => {
    const t = await localTill();
    const { ledger, identity } = t.s.terminal;
    const resellerId = identity.require().resellerId;
    const noticeId = uuidv7();
    const announced = waitForEvent(t.s, (m) => m.name === 'wallet.notice');
    const change = {
      seq: '50',
      kind: 'wallet_notice' as const,
      data: {
        noticeId,
        resellerId,
        type: 'balance_alert' as const,
        currency: 'USD',
        balance: 900,
        amount: null,
        message: 'Your balance is low.',
        createdAt: new Date(START).toISOString(),
      },
    };
    ledger.applyChanges([change], '50', false, ledger.ackWatermark(), new Date(START).toISOString());
    const event = await announced;
    expect(event.payload).toMatchObject({ noticeId });
    // The same notice again (a pull repeated) is not stored or announced twice.
    ledger.applyChanges(
      [{ ...change, seq: '51' }],
      '51',
      false,
      ledger.ackWatermark(),
      new Date(START).toISOString(),
    );
    expect(await call<WalletNoticeItem[]>(t.s, 'wallet.notices', { limit: 5 })).toHaveLength(1);
  });
});
