import type { LocalSaleStatus, UnseenSaleOutcome } from '../contract/types/sales';

/**
 * The bookkeeping of one sale's outcome: in which run of the app it was made (null: made before runs were
 * recorded, or outside the app) and whether a clerk saw its outcome or marked it dealt with.
 */
export interface SaleOutcomeFacts {
  readonly run: number | null;
  readonly shownAt: string | null;
  readonly dealtWithAt: string | null;
}

/**
 * True when a clerk must be told about the sale: it was made by an earlier run of the app (which ended, e.g. in a
 * crash, before the Sell screen showed its outcome), no clerk saw its outcome and nobody marked it dealt with. A sale
 * of the current run is never listed: its Sell screen may still be waiting for the answer.
 */
export function needsLook(facts: SaleOutcomeFacts, currentRun: number): boolean {
  return facts.run !== null && facts.run < currentRun && facts.shownAt === null && facts.dealtWithAt === null;
}

/** What became of a sale, from its local status: applied -> sold, reversed -> not sold, else still waiting. */
export function unseenOutcomeOf(status: LocalSaleStatus): UnseenSaleOutcome {
  switch (status) {
    case 'confirmed':
    case 'confirmed_after_refusal':
      return 'sold';
    case 'reversed':
      return 'not_sold';
    case 'pending':
    case 'queued':
    case 'in_doubt':
      return 'waiting';
  }
}

/** True when the clerk may mark the sale dealt with: only once the server's answer is in (sold or not sold). */
export function canMarkDealtWith(outcome: UnseenSaleOutcome): boolean {
  return outcome !== 'waiting';
}
