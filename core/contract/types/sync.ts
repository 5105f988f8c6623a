import type { RejectReason } from '../../sync/protocol';

/** What one sync round did (`sync.now`). */
export interface SyncReport {
  /** True when push and pull both completed. */
  readonly ok: boolean;
  /** Why the round did not run or stopped (null when ok). */
  readonly error: { readonly code: string; readonly message: string; readonly retryable: boolean } | null;
  readonly pushed: number;
  readonly applied: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly changesPulled: number;
  readonly startedAt: string;
  readonly finishedAt: string;
}

/** One row of the Sync screen: a pending, applied or rejected command. */
export interface CommandListItem {
  readonly id: string;
  readonly type: string;
  /** `quarantined`: the server refused it as a whole request; kept aside (with its local effect) for a manager. */
  readonly state: 'pending' | 'applied' | 'rejected' | 'quarantined';
  readonly createdAt: string;
  readonly clerkId: string | null;
  /** Whether the command was honoured under the offline rules. */
  readonly offline: boolean;
  /** Push attempts so far (pending commands only). */
  readonly attempts: number;
  /** A one-line description ("Sale T7K2-000012: 1 x to +4477..."). */
  readonly summary: string;
  /** The server's reason code (a RejectReason for rejections; the request's error code for quarantine). */
  readonly reason: RejectReason | string | null;
  readonly message: string | null;
  readonly ackedAt: string | null;
  /**
   * True when no honest terminal could have caused this outcome, or the counter had already honoured the sale:
   * quarantined commands and rejections of honoured-offline sales or of the MANAGER_REJECT_REASONS.
   */
  readonly needsManager: boolean;
}

/** A page of `sync.commands`, newest first; pass `next` as `before` for the following page. */
export interface CommandPage {
  readonly items: readonly CommandListItem[];
  readonly next: string | null;
}

/** The local view of the reseller's balance (`ledger.balance`), minor units. */
export interface LocalBalance {
  readonly currency: string | null;
  /** The server balance as last pulled, or null before the first pull. */
  readonly serverBalance: number | null;
  /** Debits of commands not yet reflected in the pulled balance. */
  readonly pendingDebits: number;
  /** serverBalance - pendingDebits: what the terminal may still spend. */
  readonly available: number;
  /** Retail total of offline-honoured sales waiting to sync. */
  readonly pendingOfflineTotal: number;
  /** Commands waiting in the outbox. */
  readonly pendingCount: number;
}

/** Payload of the `sync.rejected` event: the server refused a command; its local effect was reversed. */
export interface CommandRejectedEvent {
  readonly commandId: string;
  readonly type: string;
  readonly summary: string;
  readonly reason: RejectReason;
  readonly message: string;
}
