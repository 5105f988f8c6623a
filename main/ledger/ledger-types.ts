import type { LocalBalance } from '../../core/contract/types/sync';
import type { CommandOutcome, OutboxCommand, RejectReason } from '../../core/sync/protocol';

/** A clock in ms since the epoch; injectable so tests control time. */
export type Clock = () => number;

/** One posting of a journal entry: an amount on an account (the postings of an entry sum to zero). */
export interface Posting {
  readonly account: string;
  readonly amount: number;
  readonly currency: string;
}

/** Local accounts the terminal's journal uses. */
export const ACCOUNTS = {
  /** The reseller's credit wallet at the operator (a sale debits its wholesale price). */
  resellerCredit: 'reseller_credit',
  /** Cost of what was sold (the other side of the reseller credit debit). */
  costOfSales: 'cost_of_sales',
  /** Cash taken at the counter (retail). */
  cashDrawer: 'cash_drawer',
  /** Retail revenue (the other side of the cash). */
  salesRevenue: 'sales_revenue',
  /** Face value of cards drawn from the PIN reserve here, moved out of the reseller's credits (the server's card liability). */
  cardLiability: 'card_liability',
} as const;

/** A local operation to commit: its journal entry, its outbox command, and any extra rows (in the same transaction). */
export interface NewOperation {
  readonly command: OutboxCommand;
  /** What the server will debit from the reseller when it applies the command. */
  readonly debit: number;
  /** Retail amount honoured under the offline rules (0 when pushed online-first). */
  readonly offlineAmount: number;
  readonly entryKind: string;
  readonly memo: string;
  readonly postings: readonly Posting[];
}

/** The local view of the reseller's balance (DESIGN 4: last pulled server state + unacknowledged effects). */
export type BalanceView = LocalBalance;

/** A command as recorded after the server answered. */
export interface AckRecord {
  readonly id: string;
  readonly type: string;
  readonly status: 'applied' | 'rejected';
  readonly duplicate: boolean;
  readonly result: unknown;
  readonly reason: RejectReason | null;
  readonly message: string | null;
}

/** What a command type does to local rows when its outcome arrives (inside the ledger's transaction). */
export interface CommandEffects {
  applied?(command: OutboxCommand, result: unknown): void;
  rejected?(command: OutboxCommand, reason: RejectReason, message: string): void;
}

/** Maps an outcome to what the acked log stores. */
export function outcomeToAck(type: string, outcome: CommandOutcome): AckRecord {
  switch (outcome.status) {
    case 'applied':
      return {
        id: outcome.id,
        type,
        status: 'applied',
        duplicate: false,
        result: outcome.result,
        reason: null,
        message: null,
      };
    case 'rejected':
      return {
        id: outcome.id,
        type,
        status: 'rejected',
        duplicate: false,
        result: null,
        reason: outcome.reason,
        message: outcome.message,
      };
    case 'duplicate':
      return {
        id: outcome.id,
        type,
        status: outcome.original,
        duplicate: true,
        result: outcome.result ?? null,
        reason: outcome.original === 'rejected' ? (outcome.reason ?? 'forbidden') : null,
        message: outcome.original === 'rejected' ? (outcome.message ?? 'rejected') : null,
      };
  }
}

/** One row of the Sync screen's list. */
export type { CommandListItem } from '../../core/contract/types/sync';
