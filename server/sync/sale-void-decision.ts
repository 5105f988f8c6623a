import type { RejectReason, SaleStatus } from '../../core/sync/protocol';
import type { PostingLine } from '../ledger/entry-balance';

/** What the `sale.void` rule needs to know about the sale, as the server has it (stored or earlier in the batch). */
export interface VoidableSale {
  readonly status: SaleStatus;
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

/**
 * The pure rule for `sale.void`: only a `purchased` sale whose grant is untouched can be reversed; a sale the server
 * does not have (of this reseller) needs nothing undone.
 */
export function decideSaleVoid(sale: VoidableSale | null): SaleVoidDecision {
  if (!sale) return { kind: 'nothing' };
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
