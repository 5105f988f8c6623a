import { AppError } from '../../core/app-error';
import {
  afterPinAttempt,
  formatWait,
  isLockedOut,
  isSessionExpired,
  isValidClerkPin,
  isValidPinForRole,
  MANAGER_MIN_PIN_LENGTH,
  pinRuleText,
} from '../../core/clerks/pin-rules';
import type { ClerkRole, ClerkSummary, SessionState } from '../../core/contract/types/clerks';
import { uuidv7 } from '../../core/uuidv7';
import type { Clock } from '../ledger/ledger-types';
import { toSummary, type ClerkRecord, type ClerkStore } from './clerk-store';
import { hashPin, verifyPin } from './pin-hash';

/** What the session manager needs. */
export interface SessionDeps {
  readonly store: ClerkStore;
  readonly clock: Clock;
  /** Inactivity before auto-lock, in ms (read on every check, so a setting change applies at once; 0 = never). */
  readonly autoLockMs: () => number;
  /** True once the terminal is enrolled (clerks exist only after enrollment). */
  readonly enrolled: () => boolean;
  /** Called when who is signed in changed (sign-in, sign-out, auto-lock). */
  readonly onChange?: () => void;
}

/** Input of `clerks.create`. */
export interface NewClerk {
  readonly name: string;
  readonly pin: string;
  readonly role: ClerkRole;
}

/**
 * Who is at the terminal: clerks, PIN sign-in with lockout after repeated failures, sign-out, and auto-lock after
 * inactivity. The host marks activity on every renderer call (`noteActivity`).
 */
export class SessionManager {
  private session: {
    clerkId: string;
    startedAt: number;
    lastActivity: number;
    /** A manager signed in with a PIN shorter than MANAGER_MIN_PIN_LENGTH (made before that rule). */
    shortManagerPin: boolean;
  } | null = null;
  private lockedClerkId: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: SessionDeps) {}

  /** Counts a renderer call as activity: locks first if the session already idled out. */
  noteActivity(): void {
    if (!this.checkExpiry()) return;
    this.session!.lastActivity = this.deps.clock();
    this.armTimer();
  }

  /** The session as the UI sees it. */
  state(): SessionState {
    this.checkExpiry();
    const clerk = this.session ? this.deps.store.get(this.session.clerkId) : null;
    return {
      clerk: clerk ? toSummary(clerk, this.deps.clock()) : null,
      lockedClerkId: this.lockedClerkId,
      bootstrapNeeded: this.deps.enrolled() && this.deps.store.count() === 0,
      autoLockMinutes: Math.round(this.deps.autoLockMs() / 60_000),
      managerPinTooShort: clerk !== null && this.session!.shortManagerPin,
    };
  }

  /** The signed-in clerk, or AppError `signed_out`; with `role` also `forbidden` unless they hold it. */
  requireClerk(role?: ClerkRole): ClerkRecord {
    const clerk = this.checkExpiry() ? this.deps.store.get(this.session!.clerkId) : null;
    if (!clerk) throw new AppError('signed_out', 'Sign in to continue.');
    if (role && clerk.role !== role) throw new AppError('forbidden', `Only a ${role} can do this.`);
    return clerk;
  }

  /** The live session's clerk and when it started (ms since the epoch), or null when nobody is signed in. */
  currentSession(): { readonly clerkId: string; readonly startedAt: number } | null {
    if (!this.checkExpiry()) return null;
    return { clerkId: this.session!.clerkId, startedAt: this.session!.startedAt };
  }

  /** The signed-in clerk's name for the status bar, or null. */
  clerkName(): string | null {
    const clerk = this.session ? this.deps.store.get(this.session.clerkId) : null;
    return clerk?.name ?? null;
  }

  /** Active clerks for the sign-in screen. */
  listClerks(): ClerkSummary[] {
    const now = this.deps.clock();
    return this.deps.store.list().map((c) => toSummary(c, now));
  }

  /**
   * Creates a clerk. Needs a signed-in manager, except the very first clerk after enrollment (bootstrap), who is
   * always a manager and is signed in at once.
   */
  async createClerk(input: NewClerk): Promise<ClerkSummary> {
    if (!this.deps.enrolled())
      throw new AppError('not_enrolled', 'Enroll this terminal before adding clerks.');
    const bootstrap = this.deps.store.count() === 0;
    const creator = bootstrap ? null : this.requireClerk('manager');
    const name = input.name.trim();
    const role: ClerkRole = bootstrap ? 'manager' : input.role;
    if (!isValidPinForRole(input.pin, role)) throw new AppError('invalid_pin', pinRuleText(role));
    const pinHash = await hashPin(input.pin);
    if (this.deps.store.nameTaken(name))
      throw new AppError('clerk_name_taken', `There is already a clerk named ${name}.`);
    if (bootstrap && this.deps.store.count() > 0)
      throw new AppError('forbidden', 'A manager must add clerks.');
    const now = this.deps.clock();
    const record: ClerkRecord = {
      id: uuidv7(now),
      name,
      role,
      pinHash,
      failedAttempts: 0,
      lockedUntil: null,
      lockouts: 0,
      createdAt: new Date(now).toISOString(),
    };
    this.deps.store.insert(record, creator?.id ?? null);
    if (bootstrap) this.start(record.id, false);
    return toSummary(record, now);
  }

  /**
   * Signs a clerk in by id and PIN; wrong PINs count toward a lockout (AppError `clerk_locked`), each lockout in a row
   * twice as long as the one before. A manager whose PIN predates the 6-digit rule still signs in (refusing would
   * lock a shop out of its only manager), and the session says so (`managerPinTooShort`).
   */
  async signIn(clerkId: string, pin: string): Promise<SessionState> {
    const before = this.deps.store.get(clerkId);
    if (!before) throw new AppError('invalid_credentials', 'Unknown clerk or wrong PIN.');
    if (isLockedOut(before, this.deps.clock()))
      throw this.lockedError(before.lockedUntil!, this.deps.clock());
    const ok = isValidClerkPin(pin) && (await verifyPin(pin, before.pinHash));
    const current = this.deps.store.get(clerkId);
    if (!current) throw new AppError('invalid_credentials', 'Unknown clerk or wrong PIN.');
    const now = this.deps.clock();
    if (isLockedOut(current, now)) throw this.lockedError(current.lockedUntil!, now);
    const next = afterPinAttempt(current, ok, now);
    this.deps.store.setAttempts(clerkId, next);
    if (!ok) {
      if (isLockedOut(next, now)) throw this.lockedError(next.lockedUntil!, now);
      throw new AppError('invalid_credentials', 'Unknown clerk or wrong PIN.');
    }
    this.start(clerkId, current.role === 'manager' && pin.length < MANAGER_MIN_PIN_LENGTH);
    return this.state();
  }

  /** Ends the session. */
  signOut(): SessionState {
    this.session = null;
    this.lockedClerkId = null;
    this.clearTimer();
    this.deps.onChange?.();
    return this.state();
  }

  /** Locks the session now, as auto-lock does (the clerk stays the one the sign-in screen offers first). */
  lock(): SessionState {
    if (this.session) this.lockNow();
    return this.state();
  }

  /** Stops the auto-lock timer (app shutdown). */
  close(): void {
    this.clearTimer();
  }

  private lockedError(until: number, now: number): AppError {
    return new AppError('clerk_locked', `Too many wrong PINs. Try again in ${formatWait(until - now)}.`, {
      lockedUntil: new Date(until).toISOString(),
    });
  }

  private start(clerkId: string, shortManagerPin: boolean): void {
    const now = this.deps.clock();
    this.session = { clerkId, startedAt: now, lastActivity: now, shortManagerPin };
    this.lockedClerkId = null;
    this.armTimer();
    this.deps.onChange?.();
  }

  /** True while a session is live; locks it (and reports the change) when it idled out. */
  private checkExpiry(): boolean {
    if (!this.session) return false;
    if (!isSessionExpired(this.session.lastActivity, this.deps.autoLockMs(), this.deps.clock())) return true;
    this.lockNow();
    return false;
  }

  /** Ends the live session, keeping its clerk as the one the sign-in screen offers first, and reports the change. */
  private lockNow(): void {
    this.lockedClerkId = this.session!.clerkId;
    this.session = null;
    this.clearTimer();
    this.deps.onChange?.();
  }

  private armTimer(): void {
    this.clearTimer();
    const ms = this.deps.autoLockMs();
    if (!this.session || ms <= 0) return;
    this.timer = setTimeout(() => this.checkExpiry(), ms + 50);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
