import type { OutboxCommand, RejectReason, SaleStatus } from '../../core/sync/protocol';
import type { Queryable } from '../db/database';
import type { PostingLine } from '../ledger/entry-balance';
import type { JournalEntryDraft } from '../ledger/journal-writer';
import type { LockedReseller } from '../resellers/reseller-lock';
import type { CardKeys } from '../cards/card-keys';
import type { BatchOfflineWindow } from './batch-offline-window';
import type { ChangeDraft } from './change-feed';

/** What a push brings besides its commands: the card keys (redemptions) and the caller's address (lockouts). */
export interface PushContext {
  readonly cardKeys: CardKeys;
  readonly ip: string;
}

/** A series drawn from a terminal's PIN reserve that a `card.batch` activates. */
export interface CardBatchWrite {
  readonly seriesId: string;
  readonly cardIds: readonly string[];
  readonly prefix: string;
  readonly firstNumber: number;
  readonly pinLength: number;
  readonly amount: number;
  readonly currency: string;
  readonly expiresAt: string;
  readonly grantValidityDays: number | null;
  readonly entryId: string;
  readonly offlineSeq: number | null;
}

/** The terminal pushing, as its token established. */
export interface PushingTerminal {
  readonly resellerId: string;
  readonly terminalId: string;
  /**
   * The token's SHA-256 (see `AuthContext.standingTokenHash`): the push reads its standing under the reseller's lock
   * and refuses the push (`verifyTerminalStanding`) before deciding anything.
   */
  readonly standingTokenHash?: string;
}

/** The pushing terminal's row, read under the reseller's lock. */
export interface TerminalState {
  readonly salePrefix: string;
  /** The latest sync stamp the server handed this terminal (the end of a pull), ms. */
  readonly lastSyncAtMs: number;
  /** When the terminal was enrolled, ms. */
  readonly enrolledAtMs: number;
}

/** A sale as the change feed shows it. */
export type SaleView = Extract<ChangeDraft, { kind: 'sale' }>['data'];

/** A customer grant row about to be inserted. */
export interface GrantRow {
  readonly id: string;
  readonly customerId: string;
  readonly amount: number;
  remaining: number;
  readonly currency: string;
  readonly priority: number;
  readonly expiresAt: string | null;
  readonly source: string;
  readonly sourceId: string;
}

/** A sales row about to be inserted. */
export interface SaleRow {
  readonly id: string;
  readonly saleNumber: string;
  readonly customerId: string;
  readonly customerAccount: string;
  readonly packageId: string;
  readonly packageVersion: number;
  readonly quantity: number;
  readonly retailAmount: number;
  readonly wholesaleAmount: number;
  readonly currency: string;
  status: SaleStatus;
  readonly offline: boolean;
  /** The terminal's offline decision number (offline sales only). */
  readonly offlineSeq: number | null;
  readonly commandId: string;
  readonly entryId: string;
  readonly grantId: string;
  readonly createdAt: string;
  /** The terminal that made the sale, when a group of several terminals' pushes writes it (else the pushing one). */
  readonly terminalId?: string;
  /** Sold from the terminal's inventory stock (`stock.sale`): status `activated`, no credits moved. */
  readonly fromStock?: boolean;
}

/** A commands row (the first outcome of a command, repeated for every replay). */
export interface CommandRow {
  readonly id: string;
  readonly type: string;
  readonly hash: string;
  readonly status: 'applied' | 'rejected';
  readonly result: unknown;
  readonly reason: RejectReason | null;
  readonly message: string | null;
  readonly offline: boolean;
  readonly createdAt: string;
  /** The terminal that sent the command, when a group of several terminals' pushes writes it. */
  readonly terminalId?: string;
}

/** Rows collected while deciding a batch, written afterwards with one multi-row INSERT per table. */
export interface BatchWrites {
  readonly customers: { id: string; accountNumber: string; walletId: string }[];
  readonly entries: JournalEntryDraft[];
  readonly grants: GrantRow[];
  readonly sales: SaleRow[];
  /** Stored sales a `sale.void` of this batch reversed: set to `refunded`, their grants revoked. */
  readonly refundedSales: { saleId: string; grantId: string }[];
  readonly saleVoids: { saleId: string; commandId: string; voided: boolean }[];
  readonly commands: CommandRow[];
  /** Commands whose stored online rejection is replaced by a new decision (resent as honoured offline). */
  readonly replacedCommandIds: string[];
  readonly changes: ChangeDraft[];
  /** Card batches to activate (written before the changes, so the balance stays the feed's last entry). */
  readonly cardBatches: CardBatchWrite[];
}

/**
 * What a `sale.void` needs to know about a sale of this reseller, stored or created earlier in this batch (then
 * `pending` holds its rows, still in memory, which the void edits before they are written).
 */
export interface KnownSale {
  status: SaleStatus;
  readonly terminalId: string;
  readonly offline: boolean;
  readonly createdAtMs: number;
  /** When the server received the sale (its clock), ms. */
  readonly receivedAtMs: number;
  readonly grantId: string;
  readonly grantAmount: number;
  grantRemaining: number;
  readonly entryLines: readonly PostingLine[];
  readonly view: SaleView;
  readonly pending: { readonly sale: SaleRow; readonly grant: GrantRow } | null;
}

/** The running state of one batch, shared by the deciders: what earlier commands of the batch changed. */
export interface BatchState {
  readonly tx: Queryable;
  readonly terminal: PushingTerminal & TerminalState;
  readonly reseller: LockedReseller;
  /** The reseller's credit balance after the commands decided so far. */
  balance: number;
  /** The server's clock for this batch, ms. */
  readonly nowMs: number;
  /** Sales of this reseller by id, loaded for the batch or created in it. */
  readonly knownSales: Map<string, KnownSale>;
  /** Sale ids and numbers taken (stored, voided, or created earlier in the batch). */
  readonly usedSaleIds: Set<string>;
  readonly usedSaleNumbers: Set<string>;
  /** Sale ids with a `sale_voids` row (stored or written in this batch). */
  readonly voidedSaleIds: Set<string>;
  /** The terminal's offline window: sales and card batches count in it alike. */
  readonly offline: BatchOfflineWindow;
  readonly context: PushContext;
  readonly writes: BatchWrites;
}

/** A command of the batch whose envelope and payload parsed. */
export interface ParsedCommand<P> {
  readonly command: OutboxCommand;
  /** The command id, lower case. */
  readonly id: string;
  readonly payload: P;
}

/** What a decider answers for one command. */
export type Verdict =
  | { readonly status: 'applied'; readonly result: unknown }
  | { readonly status: 'rejected'; readonly reason: RejectReason; readonly message: string };

/** Shorthand for a rejection. */
export function reject(reason: RejectReason, message: string): Verdict {
  return { status: 'rejected', reason, message };
}

/**
 * One command type's rules in a batch: `load` reads what all of the batch's commands of that type need in a few set
 * queries; `decide` then judges each in order against the running state and records its writes. A rejection records
 * nothing, so each command is atomic within the batch.
 */
export interface CommandDecider<P> {
  load(state: BatchState, commands: readonly ParsedCommand<P>[]): Promise<void>;
  decide(state: BatchState, command: ParsedCommand<P>): Verdict;
  /** Writes rows of its own that the batch's shared writes do not cover, after those (optional). */
  write?(state: BatchState): Promise<void>;
}

/** A customer a command earlier in this batch creates (not yet written), or undefined. */
export function customerOfBatch(
  state: BatchState,
  accountNumber: string,
): { id: string; walletId: string } | undefined {
  const c = state.writes.customers.find((x) => x.accountNumber === accountNumber);
  return c ? { id: c.id, walletId: c.walletId } : undefined;
}
