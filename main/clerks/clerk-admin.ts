import type { Database } from 'better-sqlite3';
import { AppError } from '../../core/app-error';
import { isValidPinForRole, pinRuleText } from '../../core/clerks/pin-rules';
import type { ClerkAdminView, ClerkAuditEntry, ManagedClerk } from '../../core/contract/types/clerk-admin';
import type { ClerkRole } from '../../core/contract/types/clerks';
import { uuidv7 } from '../../core/uuidv7';
import type { Clock } from '../ledger/ledger-types';
import type { ClerkRecord, ClerkStore } from './clerk-store';
import { hashPin } from './pin-hash';

/** What clerk management needs. */
export interface ClerkAdminDeps {
  readonly db: Database;
  readonly store: ClerkStore;
  readonly clock: Clock;
  /** Who signed in changed meaning (a clerk deactivated, renamed): refresh the status bar. */
  readonly onChange?: () => void;
}

/** Changes asked for one clerk (`clerks.update`). */
export interface ClerkChange {
  readonly clerkId: string;
  readonly name?: string | undefined;
  readonly role?: ClerkRole | undefined;
  readonly active?: boolean | undefined;
}

/** Audit rows shown in the panel. */
const AUDIT_SHOWN = 50;

/**
 * Clerk management for managers: rename, change role, deactivate and reactivate (a deactivated clerk cannot sign in:
 * the sign-in reads active clerks only), and reset a PIN. The last active manager can be neither deactivated nor
 * made a clerk, so a shop never locks itself out. Every change is one transaction with its row in `clerk_audit`
 * (who, what, when; append-only, never a PIN).
 */
export class ClerkAdmin {
  private readonly q;

  constructor(private readonly d: ClerkAdminDeps) {
    this.q = {
      audit: d.db.prepare(
        'INSERT INTO clerk_audit (id, at, actor_id, clerk_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      recent: d.db.prepare(
        `SELECT a.id, a.at, a.action, a.detail, actor.name AS actor_name, c.name AS clerk_name
           FROM clerk_audit a
           LEFT JOIN clerks actor ON actor.id = a.actor_id
           LEFT JOIN clerks c ON c.id = a.clerk_id
          ORDER BY a.at DESC, a.id DESC LIMIT ?`,
      ),
      sameName: d.db.prepare(
        'SELECT id FROM clerks WHERE active = 1 AND name = ? COLLATE NOCASE AND id <> ?',
      ),
    };
  }

  /** Every clerk and the latest audited changes. */
  view(): ClerkAdminView {
    const now = this.d.clock();
    return {
      clerks: this.d.store.listAll().map((c) => managed(c, c.active, now)),
      audit: (
        this.q.recent.all(AUDIT_SHOWN) as {
          id: string;
          at: string;
          action: ClerkAuditEntry['action'];
          detail: string;
          actor_name: string | null;
          clerk_name: string | null;
        }[]
      ).map((r) => ({
        id: r.id,
        at: r.at,
        action: r.action,
        detail: r.detail,
        actorName: r.actor_name ?? '-',
        clerkName: r.clerk_name ?? '-',
      })),
    };
  }

  /** Renames, changes the role of, deactivates or reactivates a clerk; each change audited. */
  update(actor: ClerkRecord, change: ClerkChange): ManagedClerk {
    this.d.db
      .transaction(() => {
        const c = this.d.store.getAny(change.clerkId);
        if (!c) throw new AppError('not_found', 'No such clerk.');
        const at = new Date(this.d.clock()).toISOString();
        const audit = (action: ClerkAuditEntry['action'], detail: string) =>
          this.q.audit.run(uuidv7(this.d.clock()), at, actor.id, c.id, action, detail);
        const name = change.name?.trim();
        const willBeActive = change.active ?? c.active;
        if (name !== undefined && name !== c.name) {
          if (willBeActive && this.q.sameName.get(name, c.id))
            throw new AppError('clerk_name_taken', `There is already a clerk named ${name}.`);
          this.d.store.setName(c.id, name);
          audit('renamed', `${c.name} -> ${name}`);
        }
        const losesManager =
          c.active && c.role === 'manager' && (change.role === 'clerk' || change.active === false);
        if (losesManager && this.d.store.activeManagerCount() <= 1)
          throw new AppError(
            'last_manager',
            'This is the only active manager: make another clerk a manager first.',
          );
        if (change.role !== undefined && change.role !== c.role) {
          this.d.store.setRole(c.id, change.role);
          audit('role_changed', `${c.role} -> ${change.role}`);
        }
        if (change.active !== undefined && change.active !== c.active) {
          if (change.active && this.q.sameName.get(name ?? c.name, c.id))
            throw new AppError(
              'clerk_name_taken',
              `Another active clerk is named ${name ?? c.name}: rename one of them first.`,
            );
          this.d.store.setActive(c.id, change.active);
          audit(
            change.active ? 'reactivated' : 'deactivated',
            change.active ? 'may sign in' : 'may not sign in',
          );
        }
      })
      .immediate();
    this.d.onChange?.();
    return this.managedOf(change.clerkId);
  }

  /** Sets a new PIN (the role's PIN rules apply) and clears the clerk's lockout; audited without the PIN. */
  async resetPin(actor: ClerkRecord, clerkId: string, pin: string): Promise<ManagedClerk> {
    const before = this.d.store.getAny(clerkId);
    if (!before) throw new AppError('not_found', 'No such clerk.');
    if (!isValidPinForRole(pin, before.role)) throw new AppError('invalid_pin', pinRuleText(before.role));
    const pinHash = await hashPin(pin);
    this.d.db
      .transaction(() => {
        const c = this.d.store.getAny(clerkId);
        if (!c) throw new AppError('not_found', 'No such clerk.');
        if (!isValidPinForRole(pin, c.role)) throw new AppError('invalid_pin', pinRuleText(c.role));
        this.d.store.setPinHash(c.id, pinHash);
        const now = this.d.clock();
        this.q.audit.run(
          uuidv7(now),
          new Date(now).toISOString(),
          actor.id,
          c.id,
          'pin_reset',
          'new PIN set',
        );
      })
      .immediate();
    return this.managedOf(clerkId);
  }

  private managedOf(clerkId: string): ManagedClerk {
    const c = this.d.store.getAny(clerkId)!;
    return managed(c, c.active, this.d.clock());
  }
}

function managed(c: ClerkRecord, active: boolean, now: number): ManagedClerk {
  return {
    id: c.id,
    name: c.name,
    role: c.role,
    active,
    lockedUntil: c.lockedUntil !== null && c.lockedUntil > now ? new Date(c.lockedUntil).toISOString() : null,
    createdAt: c.createdAt,
  };
}
