import { MAX_CLOCK_DRIFT_MS } from '../../core/offline/offline-window';
import type { RejectReason, SaleStatus } from '../../core/sync/protocol';
import type { PostingLine } from '../ledger/entry-balance';

/** What the `sale.void` rule needs to know about the sale, as the server has it (stored or earlier in the batch). */
export interface VoidableSale {
  readonly status: SaleStatus;
  /** The terminal that made the sale. */
  readonly terminalId: string;
  /** True when the sale was applied as honoured offline (never voidable: the counter honoured it). */
  readonly offline: boolean;
  /** The sale's createdAt (the terminal's clock), ms. */
  readonly createdAtMs: number;
  /** When the server received the sale (its own clock), ms. */
  readonly receivedAtMs: number;
  /** The customer grant the sale made: its face amount and what is left of it. */
  readonly grantAmount: number;
  readonly grantRemaining: number;
}

/**
 * The decision: `reverse` the sale (journal reversal, grant revoked, status `refunded`), do `nothing` because the
 * server has no such sale of this reseller (the create was rejected or never arrived), or reject with a stable reason.
 */
export type SaleVoidDecision =
  | { readonly kind: 'reverse' }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'reject'; readonly reason: RejectReason; readonly message: string };

/** The void command itself: who sends it and when (its createdAt, the same terminal clock as the sale's). */
export interface VoidRequest {
  readonly terminalId: string;
  readonly createdAtMs: number;
  /** The server's clock now, ms. */
  readonly nowMs: number;
}

/**
 * The longest a void may reach the server after its sale did (server clock). A terminal could date a void a minute
 * after any sale of its own; this bounds such a void by a time it does not control. An honest void is written seconds
 * after its sale and sent right behind it; one held back longer (the terminal offline for a day) is refused and the
 * sale stands, shown to a manager on both sides.
 */
export const VOID_MAX_DELAY_MS = 24 * 3_600_000;

/**
 * How long after a sale its terminal may void it. A void is queued in the same transaction that refuses the sale at
 * the counter, seconds after the sale was written; anything later is a refund, which has rules of its own.
 */
export const VOID_WINDOW_MS = 10 * 60_000;

/**
 * The pure rule for `sale.void`, the narrow undo of a sale its own terminal refused at the counter after an online
 * push got no answer in time: only that terminal's online sale, voided within {@link VOID_WINDOW_MS} of it, only while
 * `purchased` with its grant untouched. A sale the server does not have (of this reseller) needs nothing undone.
 */
export function decideSaleVoid(sale: VoidableSale | null, request: VoidRequest): SaleVoidDecision {
  if (!sale) return { kind: 'nothing' };
  if (sale.terminalId !== request.terminalId) {
    return {
      kind: 'reject',
      reason: 'void_not_allowed',
      message: 'only the terminal that made a sale may void it',
    };
  }
  if (sale.offline) {
    return {
      kind: 'reject',
      reason: 'void_not_allowed',
      message: 'a sale honoured offline was handed over at the counter and cannot be voided',
    };
  }
  if (request.nowMs - sale.receivedAtMs > VOID_MAX_DELAY_MS) {
    return {
      kind: 'reject',
      reason: 'void_not_allowed',
      message: 'the void reached the server more than a day after its sale; the sale needs a refund',
    };
  }
  const age = request.createdAtMs - sale.createdAtMs;
  if (!(age >= -MAX_CLOCK_DRIFT_MS && age <= VOID_WINDOW_MS)) {
    return {
      kind: 'reject',
      reason: 'void_not_allowed',
      message: 'a void follows its sale within minutes; older sales need a refund',
    };
  }
  if (sale.status !== 'purchased') {
    return {
      kind: 'reject',
      reason: 'invalid_payload',
      message: `the sale is ${sale.status}, not purchased`,
    };
  }
  if (sale.grantRemaining !== sale.grantAmount) {
    return {
      kind: 'reject',
      reason: 'sale_used',
      message: 'the customer has already spent credit of this sale',
    };
  }
  return { kind: 'reverse' };
}

/** The postings that exactly undo an entry: every line of the sale's entry with its sign flipped. */
export function reversalLines(lines: readonly PostingLine[]): PostingLine[] {
  return lines.map((l) => ({ accountId: l.accountId, amount: -l.amount, currency: l.currency }));
}
