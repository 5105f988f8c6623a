import { z } from 'zod';
import { shiftClerkFiguresSchema } from '../../core/shifts/shift-schemas';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';

/** A shift as the API answers it. */
export const shiftViewSchema = z.object({
  id: z.string(),
  terminalId: z.string(),
  shiftNumber: z.number().int(),
  currency: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  float: z.number().int(),
  implicit: z.boolean(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  zNumber: z.string().nullable(),
  salesCount: z.number().int().nullable(),
  salesAmount: z.number().int().nullable(),
  voidCount: z.number().int().nullable(),
  refundCount: z.number().int().nullable(),
  refundAmount: z.number().int().nullable(),
  cashIn: z.number().int().nullable(),
  cashOut: z.number().int().nullable(),
  expected: z.number().int().nullable(),
  counted: z.number().int().nullable(),
  difference: z.number().int().nullable(),
  byClerk: z.array(shiftClerkFiguresSchema).nullable(),
});
export type ShiftView = z.infer<typeof shiftViewSchema>;

/** A page of shifts, newest first; pass `next` as `before`. */
export const shiftPageSchema = z.object({ shifts: z.array(shiftViewSchema), next: z.string().nullable() });

/**
 * The SQL of a page of a reseller's shifts, newest first by the UUIDv7 shift id: reseller-wide on the primary key
 * (reseller_id, id), one terminal's on `shifts_terminal (reseller_id, terminal_id, id)`; keyset paging, never OFFSET.
 */
export function shiftPageQuery(
  resellerId: string,
  filter: { terminalId?: string | undefined; before?: string | undefined },
  limit: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [resellerId];
  let where = 'reseller_id = $1';
  if (filter.terminalId !== undefined) {
    params.push(filter.terminalId);
    where += ` AND terminal_id = $${params.length}`;
  }
  if (filter.before !== undefined) {
    params.push(filter.before);
    where += ` AND id < $${params.length}::uuid`;
  }
  params.push(limit);
  const order = filter.terminalId !== undefined ? 'terminal_id DESC, id DESC' : 'id DESC';
  return { sql: `SELECT * FROM shifts WHERE ${where} ORDER BY ${order} LIMIT $${params.length}`, params };
}

const iso = (t: Date | string | null): string | null => (t === null ? null : new Date(t).toISOString());
const minorOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : toMinor(v));

/** A page of a reseller's shifts (one terminal's when named). */
export async function shiftPage(
  db: Queryable,
  resellerId: string,
  filter: { terminalId?: string | undefined; before?: string | undefined },
  limit: number,
): Promise<z.infer<typeof shiftPageSchema>> {
  const q = shiftPageQuery(resellerId, filter, limit + 1);
  const rows = await db.query<Record<string, unknown>>(q.sql, q.params);
  const page = rows.slice(0, limit).map((r): ShiftView => ({
    id: r.id as string,
    terminalId: r.terminal_id as string,
    shiftNumber: Number(r.shift_number),
    currency: r.currency as string,
    openedAt: iso(r.opened_at as Date)!,
    openedBy: r.opened_by as string,
    float: toMinor(r.float),
    implicit: r.implicit as boolean,
    closedAt: iso(r.closed_at as Date | null),
    closedBy: (r.closed_by as string | null) ?? null,
    zNumber: (r.z_number as string | null) ?? null,
    salesCount: minorOrNull(r.sales_count),
    salesAmount: minorOrNull(r.sales_amount),
    voidCount: minorOrNull(r.void_count),
    refundCount: minorOrNull(r.refund_count),
    refundAmount: minorOrNull(r.refund_amount),
    cashIn: minorOrNull(r.cash_in),
    cashOut: minorOrNull(r.cash_out),
    expected: minorOrNull(r.expected),
    counted: minorOrNull(r.counted),
    difference: minorOrNull(r.difference),
    byClerk: (r.by_clerk as ShiftView['byClerk']) ?? null,
  }));
  return { shifts: page, next: rows.length > limit ? page[page.length - 1]!.id : null };
}
