import type { ShiftClosePayload, ShiftOpenPayload } from '../../core/shifts/shift-schemas';
import type { Queryable } from '../db/database';
import {
  reject,
  type BatchState,
  type CommandDecider,
  type ParsedCommand,
  type Verdict,
} from '../sync/push-batch';

/** A shift as the batch knows it: stored, or opened earlier in this batch. */
interface KnownShift {
  readonly terminalId: string;
  closed: boolean;
}

/** A shift row to insert (its `shift.open`). */
interface ShiftOpenWrite {
  readonly terminalId: string;
  readonly commandId: string;
  readonly p: ShiftOpenPayload;
}

/** A close to record (its `shift.close`). */
interface ShiftCloseWrite {
  readonly terminalId: string;
  readonly commandId: string;
  readonly p: ShiftClosePayload;
}

/**
 * What the shift deciders of one batch share: the shifts the batch names (loaded once) and the rows to write. Opens
 * are written before closes, so a batch may open and close the same shift.
 */
export class BatchShifts {
  readonly known = new Map<string, KnownShift>();
  readonly opens: ShiftOpenWrite[] = [];
  readonly closes: ShiftCloseWrite[] = [];
  /** Shift numbers and Z numbers the pushing terminal already used (stored or earlier in the batch). */
  readonly takenNumbers = new Set<number>();
  readonly takenZ = new Set<string>();
  private loaded = new Set<string>();

  /**
   * Loads which of these shift and Z numbers the terminal used already: a number used twice is refused, never a
   * unique-index failure that would fail the whole batch.
   */
  async loadNumbers(
    tx: Queryable,
    resellerId: string,
    terminalId: string,
    numbers: readonly number[],
    zNumbers: readonly string[],
  ): Promise<void> {
    if (numbers.length > 0) {
      const rows = await tx.query<{ shift_number: string }>(
        `SELECT shift_number FROM shifts WHERE reseller_id = $1 AND terminal_id = $2
            AND shift_number = ANY($3::bigint[])`,
        [resellerId, terminalId, numbers],
      );
      for (const r of rows) this.takenNumbers.add(Number(r.shift_number));
    }
    if (zNumbers.length > 0) {
      const rows = await tx.query<{ z_number: string }>(
        `SELECT z_number FROM shifts WHERE reseller_id = $1 AND terminal_id = $2 AND z_number = ANY($3::text[])`,
        [resellerId, terminalId, zNumbers],
      );
      for (const r of rows) this.takenZ.add(r.z_number);
    }
  }

  async load(tx: Queryable, resellerId: string, ids: readonly string[]): Promise<void> {
    const wanted = [...new Set(ids.map((i) => i.toLowerCase()))].filter((i) => !this.loaded.has(i));
    if (wanted.length === 0) return;
    for (const id of wanted) this.loaded.add(id);
    const rows = await tx.query<{ id: string; terminal_id: string; closed: boolean }>(
      `SELECT id, terminal_id, closed_at IS NOT NULL AS closed FROM shifts
        WHERE reseller_id = $1 AND id = ANY($2::uuid[])`,
      [resellerId, wanted],
    );
    for (const r of rows) this.known.set(r.id, { terminalId: r.terminal_id, closed: r.closed });
  }

  async write(tx: Queryable, resellerId: string): Promise<void> {
    for (const o of this.opens.splice(0)) {
      const p = o.p;
      await tx.query(
        `INSERT INTO shifts (reseller_id, id, terminal_id, shift_number, currency, opened_at, opened_by, float, implicit,
                             open_command_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          resellerId,
          p.shiftId.toLowerCase(),
          o.terminalId,
          p.shiftNumber,
          p.currency,
          p.openedAt,
          p.openedBy,
          p.float,
          p.implicit,
          o.commandId,
        ],
      );
    }
    for (const c of this.closes.splice(0)) {
      const p = c.p;
      const updated = await tx.query(
        `UPDATE shifts SET closed_at = $3, closed_by = $4, z_number = $5, close_command_id = $6, sales_count = $7,
                sales_amount = $8, void_count = $9, refund_count = $10, refund_amount = $11, cash_in = $12,
                cash_out = $13, expected = $14, counted = $15, difference = $16, by_clerk = $17::jsonb
          WHERE reseller_id = $1 AND id = $2 AND closed_at IS NULL RETURNING id`,
        [
          resellerId,
          p.shiftId.toLowerCase(),
          p.closedAt,
          p.closedBy,
          p.zNumber,
          c.commandId,
          p.salesCount,
          p.salesAmount,
          p.voidCount,
          p.refundCount,
          p.refundAmount,
          p.cashIn,
          p.cashOut,
          p.expected,
          p.counted,
          p.difference,
          JSON.stringify(p.byClerk),
        ],
      );
      if (updated.length !== 1) throw new Error('shift closed concurrently');
    }
  }
}

/** `shift.open`: records a terminal's new shift; a shift id used before is refused `shift_conflict`. */
export class ShiftOpenDecider implements CommandDecider<ShiftOpenPayload> {
  constructor(private readonly shifts: BatchShifts) {}

  async load(state: BatchState, commands: readonly ParsedCommand<ShiftOpenPayload>[]): Promise<void> {
    await this.shifts.load(
      state.tx,
      state.terminal.resellerId,
      commands.map((c) => c.payload.shiftId),
    );
    await this.shifts.loadNumbers(
      state.tx,
      state.terminal.resellerId,
      state.terminal.terminalId,
      commands.map((c) => c.payload.shiftNumber),
      [],
    );
  }

  decide(state: BatchState, { id, payload }: ParsedCommand<ShiftOpenPayload>): Verdict {
    const shiftId = payload.shiftId.toLowerCase();
    if (payload.currency !== state.reseller.currency)
      return reject('currency_mismatch', `this reseller's currency is ${state.reseller.currency}`);
    if (this.shifts.known.has(shiftId)) return reject('shift_conflict', 'this shift id is taken');
    if (this.shifts.takenNumbers.has(payload.shiftNumber))
      return reject('shift_conflict', `this terminal already has a shift number ${payload.shiftNumber}`);
    this.shifts.takenNumbers.add(payload.shiftNumber);
    this.shifts.known.set(shiftId, { terminalId: state.terminal.terminalId, closed: false });
    this.shifts.opens.push({ terminalId: state.terminal.terminalId, commandId: id, p: payload });
    return { status: 'applied', result: { shiftId } };
  }

  async write(state: BatchState): Promise<void> {
    await this.shifts.write(state.tx, state.terminal.resellerId);
  }
}

/**
 * `shift.close`: records the Z-report's figures of a shift its own terminal opened (stored, or opened earlier in the
 * batch). The same close again is a duplicate (the push path answers it); a different close of a closed shift is
 * refused `shift_conflict`, a shift the server does not have for this terminal `shift_unknown`.
 */
export class ShiftCloseDecider implements CommandDecider<ShiftClosePayload> {
  constructor(private readonly shifts: BatchShifts) {}

  async load(state: BatchState, commands: readonly ParsedCommand<ShiftClosePayload>[]): Promise<void> {
    await this.shifts.load(
      state.tx,
      state.terminal.resellerId,
      commands.map((c) => c.payload.shiftId),
    );
    await this.shifts.loadNumbers(
      state.tx,
      state.terminal.resellerId,
      state.terminal.terminalId,
      [],
      commands.map((c) => c.payload.zNumber),
    );
  }

  decide(state: BatchState, { id, payload }: ParsedCommand<ShiftClosePayload>): Verdict {
    const shiftId = payload.shiftId.toLowerCase();
    const shift = this.shifts.known.get(shiftId);
    if (!shift || shift.terminalId !== state.terminal.terminalId)
      return reject('shift_unknown', 'this terminal has no such shift on the server');
    if (shift.closed) return reject('shift_conflict', 'this shift is closed already');
    if (this.shifts.takenZ.has(payload.zNumber))
      return reject('shift_conflict', `this terminal already closed a shift as ${payload.zNumber}`);
    if (payload.currency !== state.reseller.currency)
      return reject('currency_mismatch', `this reseller's currency is ${state.reseller.currency}`);
    shift.closed = true;
    this.shifts.takenZ.add(payload.zNumber);
    this.shifts.closes.push({ terminalId: state.terminal.terminalId, commandId: id, p: payload });
    return { status: 'applied', result: { shiftId, zNumber: payload.zNumber, closedAt: payload.closedAt } };
  }

  async write(state: BatchState): Promise<void> {
    await this.shifts.write(state.tx, state.terminal.resellerId);
  }
}
