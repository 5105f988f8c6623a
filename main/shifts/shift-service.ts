import { AppError } from '../../core/app-error';
import type { CashMove, ShiftReport, ShiftState, ShiftSummary } from '../../core/contract/types/shifts';
import { countTotal, denominationsOf, maxCashAmount, type CashCount } from '../../core/shifts/denominations';
import { closeFigures, shiftFigures, type ShiftFigures } from '../../core/shifts/shift-figures';
import type { ShiftClosePayload, ShiftOpenPayload } from '../../core/shifts/shift-schemas';
import { uuidv7 } from '../../core/uuidv7';
import type { Clock } from '../ledger/ledger-types';
import type { LocalLedger } from '../ledger/local-ledger';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import { readSetting, writeSetting } from '../settings/terminal-settings';
import { toSummary, type ShiftRecord, type ShiftStore } from './shift-store';

/** The setting that makes a sale need an open shift (JSON boolean; absent means false). */
export const REQUIRE_OPEN_SHIFT_KEY = 'shifts.requireOpenShift';

/** The far end of an open shift's window (a sale is never made after it). */
const OPEN_END = '9999-12-31T23:59:59.999Z';

/** Who acts: a signed-in clerk's id and name. */
export interface ShiftActor {
  readonly id: string;
  readonly name: string;
}

/** What the shift service needs. */
export interface ShiftServiceDeps {
  readonly ledger: LocalLedger;
  readonly store: ShiftStore;
  readonly identity: TerminalIdentityStore;
  readonly clock: Clock;
  /** A clerk's name by id (active or not), for the report's by-clerk rows. */
  readonly clerkName: (clerkId: string) => string | null;
  /** Pushes the outbox soon (a shift's commands sync like any other; never awaited). */
  readonly syncSoon: () => void;
}

/**
 * Shifts of this terminal: opened with a float counted into the drawer, closed with the drawer counted, with the
 * X-report (any time) and the Z-report (the close: numbered, once per shift). One shift is open at a time (a partial
 * unique index holds it even against a second writer). Opening and closing each commit the shift row and its outbox
 * command (`shift.open`, `shift.close`) in one transaction, so a shift survives restarts and reaches the central API
 * exactly once.
 *
 * Selling without an open shift: what a shop owner expects is that the till keeps taking money, so by default
 * (`requireOpenShift` false) the first sale with no shift open opens one at once with a float of 0, marked "opened by
 * a sale" on its reports, and every sale belongs to a shift. An owner who wants the float counted first turns the
 * setting on: a sale is then refused with `shift_required` until a clerk opens the shift. A shift opened by a sale
 * is stored at once but sends its `shift.open` with its close (the same transaction, ahead of `shift.close`): a till
 * that never uses shifts queues nothing extra beside its sales, and the server still gets every shift exactly once.
 */
export class ShiftService {
  constructor(private readonly d: ShiftServiceDeps) {}

  /** The Shift panel's state. */
  state(): ShiftState {
    const currency = this.currency();
    const current = this.d.store.openShift();
    return {
      current: current ? toSummary(current) : null,
      currency,
      denominations: denominationsOf(currency),
      requireOpenShift: this.requireOpenShift(),
      moves: current ? this.d.store.moves(current.id) : [],
    };
  }

  requireOpenShift(): boolean {
    return readSetting(this.d.ledger.db, REQUIRE_OPEN_SHIFT_KEY) === true;
  }

  setRequireOpenShift(value: boolean): ShiftState {
    writeSetting(this.d.ledger.db, REQUIRE_OPEN_SHIFT_KEY, value, new Date(this.d.clock()).toISOString());
    return this.state();
  }

  /**
   * Opens a shift with a counted float. `shiftId` is the attempt's id: a retry after a lost answer gets the shift that
   * attempt opened. Errors: shift_open (one is open already), invalid_count.
   */
  open(actor: ShiftActor, float: CashCount, shiftId?: string): ShiftSummary {
    const id = shiftId?.toLowerCase();
    const before = id ? this.d.store.get(id) : null;
    if (before) return toSummary(before);
    const currency = this.currency();
    const total = countTotal(float, currency);
    const shift = this.openWith(actor, { total, count: float, implicit: false, id });
    this.d.syncSoon();
    return toSummary(shift);
  }

  /**
   * Called inside every counter sale's transaction (a direct sale and a sale from stock), once its checks passed: with
   * no shift open, either refuses (`shift_required`, when the setting says so) or opens one at float 0 (see the class
   * comment). A sale refused or failing after this rolls the open back with it.
   */
  ensureOpenForSale(actor: ShiftActor): void {
    if (this.d.store.openShift()) return;
    if (this.requireOpenShift())
      throw new AppError('shift_required', 'Open a shift before selling: count the float into the drawer.');
    try {
      this.openWith(actor, { total: 0, count: null, implicit: true });
    } catch (err) {
      // Another call opened one meanwhile: that shift takes the sale.
      if (!(err instanceof AppError && err.code === 'shift_open')) throw err;
    }
    // No push of its own: the sale's push carries the shift's open ahead of it (outbox order).
  }

  /** Cash put into or taken out of the drawer of the open shift. Errors: no_open_shift, invalid_amount. */
  cashMove(actor: ShiftActor, kind: 'in' | 'out', amount: number, reason: string, moveId?: string): CashMove {
    const id = moveId?.toLowerCase();
    const before = id ? this.d.store.move(id) : null;
    if (before) return before;
    const shift = this.d.store.openShift();
    if (!shift) throw new AppError('no_open_shift', 'No shift is open: open one first.');
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > maxCashAmount(shift.currency))
      throw new AppError('invalid_amount', 'Enter an amount greater than zero.');
    const now = this.d.clock();
    const move = {
      id: id ?? uuidv7(now),
      shiftId: shift.id,
      kind,
      amount,
      reason,
      clerkId: actor.id,
      at: new Date(now).toISOString(),
    };
    this.d.ledger.transaction(() => this.d.store.insertMove(move));
    return { ...move, clerkName: actor.name };
  }

  /** The X-report of a shift (the open one when none is named): its figures now, nothing recorded. */
  xReport(shiftId?: string): ShiftReport {
    const shift = shiftId ? this.d.store.get(shiftId) : this.d.store.openShift();
    if (!shift) throw new AppError(shiftId ? 'not_found' : 'no_open_shift', 'No such shift is open.');
    const end = shift.closedAt ?? OPEN_END;
    return this.report('X', shift, this.figures(shift, end), new Date(this.d.clock()).toISOString());
  }

  /** The Z-report of a closed shift, as frozen at its close. Errors: not_found, shift_not_closed. */
  zReport(shiftId: string): ShiftReport {
    const shift = this.d.store.get(shiftId);
    if (!shift) throw new AppError('not_found', 'No such shift.');
    if (!shift.zReport)
      throw new AppError('shift_not_closed', 'This shift is still open: print an X-report.');
    const frozen = JSON.parse(shift.zReport) as ShiftReport;
    // The sync state is today's, not the close's.
    return { ...frozen, shift: toSummary(shift) };
  }

  /**
   * Closes the open shift `shiftId` with the counted drawer and answers its Z-report. Closing a shift already closed
   * answers that close's Z-report again (same number, nothing recorded): a close happens once. Errors: not_found,
   * invalid_count.
   */
  close(actor: ShiftActor, shiftId: string, counted: CashCount): ShiftReport {
    const before = this.d.store.get(shiftId);
    if (!before) throw new AppError('not_found', 'No such shift.');
    if (before.state === 'closed') return this.zReport(shiftId);
    const total = countTotal(counted, before.currency);
    const terminal = this.d.identity.require();
    const closedId = this.d.ledger.transaction((): string => {
      const shift = this.d.store.get(shiftId)!;
      if (shift.state === 'closed') return shift.id;
      const now = this.d.clock();
      const closedAt = new Date(now).toISOString();
      const figures = this.figures(shift, closedAt);
      const { difference } = closeFigures(figures, total);
      const zNumber = `${terminal.salePrefix}-Z${String(this.d.ledger.nextCounter('z_number')).padStart(6, '0')}`;
      const commandId = uuidv7(now);
      const closedShift: ShiftRecord = {
        ...shift,
        state: 'closed',
        closedAt,
        closedByName: actor.name,
        zNumber,
        expected: figures.expected,
        counted: total,
        difference,
        closeCount: counted,
      };
      const z = this.report('Z', closedShift, figures, closedAt);
      const payload: ShiftClosePayload = {
        shiftId: shift.id,
        zNumber,
        closedAt,
        closedBy: actor.id,
        currency: shift.currency,
        float: figures.float,
        salesCount: figures.salesCount,
        salesAmount: figures.salesAmount,
        voidCount: figures.voidCount,
        refundCount: figures.refundCount,
        refundAmount: figures.refundAmount,
        cashIn: figures.cashIn,
        cashOut: figures.cashOut,
        expected: figures.expected,
        counted: total,
        difference,
        byClerk: figures.byClerk.map((c) => ({ ...c })),
      };
      // A shift a sale opened sends its open now, ahead of its close (see the class comment).
      if (shift.implicit) this.writeOpen(shift, shift.openCommandId);
      this.d.store.close({
        id: shift.id,
        closedAt,
        closedBy: actor.id,
        zNumber,
        counted: total,
        closeCount: counted,
        expected: figures.expected,
        difference,
        zReport: JSON.stringify(z),
        closeCommandId: commandId,
      });
      this.d.ledger.writeCommand(
        {
          id: commandId,
          type: 'shift.close',
          payload,
          createdAt: closedAt,
          clerkId: actor.id,
          offline: false,
        },
        0,
        0,
      );
      return shift.id;
    });
    this.d.syncSoon();
    return this.zReport(closedId);
  }

  /** Shifts newest first, paged by number. */
  list(before: number | null, limit: number): { rows: ShiftSummary[]; next: number | null } {
    const rows = this.d.store.page(before, limit + 1);
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    return { rows: page.map(toSummary), next: more ? page[page.length - 1]!.number : null };
  }

  private openWith(
    actor: ShiftActor,
    o: { total: number; count: CashCount | null; implicit: boolean; id?: string | undefined },
  ): ShiftRecord {
    const currency = this.currency();
    const id = this.d.ledger.transaction((): string => {
      if (this.d.store.openShift())
        throw new AppError('shift_open', 'A shift is already open on this terminal: close it first.');
      const now = this.d.clock();
      const openedAt = new Date(now).toISOString();
      const shiftId = o.id ?? uuidv7(now);
      const commandId = uuidv7(now);
      const number = this.d.ledger.nextCounter('shift_number');
      this.d.store.insert({
        id: shiftId,
        number,
        currency,
        openedAt,
        openedBy: actor.id,
        implicit: o.implicit,
        float: o.total,
        floatCount: o.count,
        openCommandId: commandId,
      });
      if (!o.implicit) this.writeOpen(this.d.store.get(shiftId)!, commandId);
      return shiftId;
    });
    return this.d.store.get(id)!;
  }

  /** Queues a shift's `shift.open` (inside the caller's transaction). */
  private writeOpen(shift: ShiftRecord, commandId: string): void {
    const payload: ShiftOpenPayload = {
      shiftId: shift.id,
      shiftNumber: shift.number,
      openedAt: shift.openedAt,
      openedBy: shift.openedBy,
      currency: shift.currency,
      float: shift.float,
      implicit: shift.implicit,
    };
    this.d.ledger.writeCommand(
      {
        id: commandId,
        type: 'shift.open',
        payload,
        createdAt: shift.openedAt,
        clerkId: shift.openedBy,
        offline: false,
      },
      0,
      0,
    );
  }

  private figures(shift: ShiftRecord, end: string): ShiftFigures {
    return shiftFigures({
      float: shift.float,
      sales: this.d.store.salesBetween(shift.openedAt, end),
      refunds: this.d.store.refundsBetween(shift.openedAt, end),
      moves: this.d.store.moves(shift.id),
    });
  }

  private report(kind: 'X' | 'Z', shift: ShiftRecord, f: ShiftFigures, at: string): ShiftReport {
    const terminal = this.d.identity.require();
    return {
      ...f,
      kind,
      shift: toSummary(shift),
      terminalName: terminal.terminalName,
      generatedAt: at,
      byClerk: f.byClerk.map((c) => ({ ...c, clerkName: this.d.clerkName(c.clerkId) ?? '-' })),
      floatCount: shift.floatCount,
      closeCount: shift.closeCount,
    };
  }

  private currency(): string {
    return this.d.identity.require().currency;
  }
}
