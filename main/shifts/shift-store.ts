import type { Database } from 'better-sqlite3';
import type { CashMove, ShiftSummary } from '../../core/contract/types/shifts';
import type { LocalSaleStatus } from '../../core/contract/types/sales';
import type { CashCount } from '../../core/shifts/denominations';

/** A shift row with what reports need beyond the summary. */
export interface ShiftRecord extends ShiftSummary {
  readonly floatCount: CashCount | null;
  readonly closeCount: CashCount | null;
  /** The Z-report frozen at close (JSON), or null while open. */
  readonly zReport: string | null;
  readonly openCommandId: string;
  readonly closeCommandId: string | null;
}

interface Row {
  id: string;
  number: number;
  currency: string;
  opened_at: string;
  opened_by: string;
  opened_by_name: string | null;
  implicit: number;
  float: number;
  float_count: string | null;
  open_command_id: string;
  closed_at: string | null;
  closed_by_name: string | null;
  z_number: string | null;
  counted: number | null;
  close_count: string | null;
  expected: number | null;
  difference: number | null;
  z_report: string | null;
  close_command_id: string | null;
  open_pending: number;
  close_pending: number;
  open_status: 'applied' | 'rejected' | null;
  close_status: 'applied' | 'rejected' | null;
  open_message: string | null;
  close_message: string | null;
}

/** Columns of a shift with its clerks' names and its commands' sync state (outbox, acknowledged log). */
const SELECT = `
  SELECT s.*, o.name AS opened_by_name, c.name AS closed_by_name,
         EXISTS (SELECT 1 FROM outbox WHERE id = s.open_command_id) AS open_pending,
         EXISTS (SELECT 1 FROM outbox WHERE id = s.close_command_id) AS close_pending,
         ao.status AS open_status, ao.message AS open_message,
         ac.status AS close_status, ac.message AS close_message
    FROM shifts s
    LEFT JOIN clerks o ON o.id = s.opened_by
    LEFT JOIN clerks c ON c.id = s.closed_by
    LEFT JOIN acked_commands ao ON ao.id = s.open_command_id
    LEFT JOIN acked_commands ac ON ac.id = s.close_command_id`;

function syncOf(r: Row): Pick<ShiftSummary, 'sync' | 'syncMessage'> {
  if (r.open_status === 'rejected') return { sync: 'rejected', syncMessage: r.open_message };
  if (r.close_status === 'rejected') return { sync: 'rejected', syncMessage: r.close_message };
  // A command set aside (quarantined) is neither in the outbox nor acknowledged: it still waits.
  const synced = r.open_status === 'applied' && (r.close_command_id === null || r.close_status === 'applied');
  return { sync: synced ? 'synced' : 'pending', syncMessage: null };
}

const parseCount = (t: string | null): CashCount | null => (t ? (JSON.parse(t) as CashCount) : null);

const fromRow = (r: Row): ShiftRecord => ({
  id: r.id,
  number: r.number,
  state: r.closed_at === null ? 'open' : 'closed',
  currency: r.currency,
  openedAt: r.opened_at,
  openedBy: r.opened_by,
  openedByName: r.opened_by_name ?? '-',
  implicit: r.implicit === 1,
  float: r.float,
  closedAt: r.closed_at,
  closedByName: r.closed_at === null ? null : (r.closed_by_name ?? '-'),
  zNumber: r.z_number,
  expected: r.expected,
  counted: r.counted,
  difference: r.difference,
  ...syncOf(r),
  floatCount: parseCount(r.float_count),
  closeCount: parseCount(r.close_count),
  zReport: r.z_report,
  openCommandId: r.open_command_id,
  closeCommandId: r.close_command_id,
});

/** Just the summary (what the contract shows). */
export function toSummary(r: ShiftRecord): ShiftSummary {
  const {
    floatCount: _f,
    closeCount: _c,
    zReport: _z,
    openCommandId: _o,
    closeCommandId: _cc,
    ...summary
  } = r;
  return summary;
}

/** A sale of a shift as its figures need it. */
export interface ShiftSaleRow {
  readonly status: LocalSaleStatus;
  readonly retailAmount: number;
  readonly clerkId: string | null;
}

/** Named queries over shifts and their cash moves (migration 0017); writes run inside the ledger's transaction. */
export class ShiftStore {
  private readonly q;

  constructor(db: Database) {
    this.q = {
      open: db.prepare(`${SELECT} WHERE s.closed_at IS NULL`),
      get: db.prepare(`${SELECT} WHERE s.id = ?`),
      page: db.prepare(`${SELECT} WHERE s.number < ? ORDER BY s.number DESC LIMIT ?`),
      insert: db.prepare(
        `INSERT INTO shifts (id, number, currency, opened_at, opened_by, implicit, float, float_count, open_command_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      close: db.prepare(
        `UPDATE shifts SET closed_at = ?, closed_by = ?, z_number = ?, counted = ?, close_count = ?, expected = ?,
           difference = ?, z_report = ?, close_command_id = ? WHERE id = ? AND closed_at IS NULL`,
      ),
      insertMove: db.prepare(
        'INSERT INTO shift_cash_moves (id, shift_id, kind, amount, reason, clerk_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      move: db.prepare(
        `SELECT m.*, c.name AS clerk_name FROM shift_cash_moves m LEFT JOIN clerks c ON c.id = m.clerk_id
          WHERE m.id = ?`,
      ),
      moves: db.prepare(
        `SELECT m.*, c.name AS clerk_name FROM shift_cash_moves m LEFT JOIN clerks c ON c.id = m.clerk_id
          WHERE m.shift_id = ? ORDER BY m.at, m.id`,
      ),
      // Walks sales_created (created_at, ...) over the shift's window: never a scan of every sale.
      sales: db.prepare(
        `SELECT status, retail_amount AS retailAmount, clerk_id AS clerkId FROM sales
          WHERE created_at >= ? AND created_at < ? ORDER BY created_at`,
      ),
      refunds: db.prepare(
        `SELECT cash_back AS cashBack, clerk_id AS clerkId FROM refunds
          WHERE state = 'done' AND refunded_at >= ? AND refunded_at < ? ORDER BY refunded_at`,
      ),
    };
  }

  /** The open shift, or null. */
  openShift(): ShiftRecord | null {
    const r = this.q.open.get() as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** One shift, or null. */
  get(id: string): ShiftRecord | null {
    const r = this.q.get.get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** Shifts numbered below `before` (null: from the newest), newest first. */
  page(before: number | null, limit: number): ShiftRecord[] {
    return (this.q.page.all(before ?? Number.MAX_SAFE_INTEGER, limit) as Row[]).map(fromRow);
  }

  insert(s: {
    id: string;
    number: number;
    currency: string;
    openedAt: string;
    openedBy: string;
    implicit: boolean;
    float: number;
    floatCount: CashCount | null;
    openCommandId: string;
  }): void {
    this.q.insert.run(
      s.id,
      s.number,
      s.currency,
      s.openedAt,
      s.openedBy,
      s.implicit ? 1 : 0,
      s.float,
      s.floatCount ? JSON.stringify(s.floatCount) : null,
      s.openCommandId,
    );
  }

  /** Closes an open shift; false when it was not open (closed meanwhile). */
  close(c: {
    id: string;
    closedAt: string;
    closedBy: string;
    zNumber: string;
    counted: number;
    closeCount: CashCount;
    expected: number;
    difference: number;
    zReport: string;
    closeCommandId: string;
  }): boolean {
    return (
      this.q.close.run(
        c.closedAt,
        c.closedBy,
        c.zNumber,
        c.counted,
        JSON.stringify(c.closeCount),
        c.expected,
        c.difference,
        c.zReport,
        c.closeCommandId,
        c.id,
      ).changes === 1
    );
  }

  insertMove(m: Omit<CashMove, 'clerkName'>): void {
    this.q.insertMove.run(m.id, m.shiftId, m.kind, m.amount, m.reason, m.clerkId, m.at);
  }

  /** One cash move by id, or null. */
  move(id: string): CashMove | null {
    return this.toMoves(this.q.move.all(id))[0] ?? null;
  }

  moves(shiftId: string): CashMove[] {
    return this.toMoves(this.q.moves.all(shiftId));
  }

  private toMoves(rows: unknown[]): CashMove[] {
    return (
      rows as {
        id: string;
        shift_id: string;
        kind: 'in' | 'out';
        amount: number;
        reason: string;
        clerk_id: string;
        clerk_name: string | null;
        at: string;
      }[]
    ).map((m) => ({
      id: m.id,
      shiftId: m.shift_id,
      kind: m.kind,
      amount: m.amount,
      reason: m.reason,
      clerkId: m.clerk_id,
      clerkName: m.clerk_name ?? '-',
      at: m.at,
    }));
  }

  /** Sales made in [from, to) on this terminal's clock. */
  salesBetween(from: string, to: string): ShiftSaleRow[] {
    return this.q.sales.all(from, to) as ShiftSaleRow[];
  }

  /** Refunds done in [from, to): the cash handed back, by whom. */
  refundsBetween(from: string, to: string): { cashBack: number; clerkId: string }[] {
    return this.q.refunds.all(from, to) as { cashBack: number; clerkId: string }[];
  }
}
