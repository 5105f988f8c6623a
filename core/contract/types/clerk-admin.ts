import type { ClerkRole } from './clerks';

/** A clerk as the manager's clerk list shows it (active or not). */
export interface ManagedClerk {
  readonly id: string;
  readonly name: string;
  readonly role: ClerkRole;
  readonly active: boolean;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

/** One audited change of a clerk. */
export interface ClerkAuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actorName: string;
  readonly clerkName: string;
  readonly action: 'renamed' | 'role_changed' | 'deactivated' | 'reactivated' | 'pin_reset';
  /** What changed, in words ("Sam -> Samuel", "clerk -> manager"); never a PIN. */
  readonly detail: string;
}

/** The manager's clerk panel (`clerks.manage`). */
export interface ClerkAdminView {
  readonly clerks: readonly ManagedClerk[];
  /** The latest changes, newest first. */
  readonly audit: readonly ClerkAuditEntry[];
}
