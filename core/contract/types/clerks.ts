/** A clerk's role at the terminal: managers can create clerks. */
export type ClerkRole = 'clerk' | 'manager';

/** A clerk as listed on the sign-in screen (never the PIN hash). */
export interface ClerkSummary {
  readonly id: string;
  readonly name: string;
  readonly role: ClerkRole;
  /** ISO time until which sign-in is refused after too many wrong PINs, or null. */
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

/** Who is at the terminal (`session.current`, `session.signIn`, `session.signOut`). */
export interface SessionState {
  /** The signed-in clerk, or null when signed out or auto-locked. */
  readonly clerk: ClerkSummary | null;
  /** The clerk whose session auto-locked after inactivity (sign in again to resume), or null. */
  readonly lockedClerkId: string | null;
  /** True when the terminal is enrolled and has no clerk yet: `clerks.create` makes the first manager. */
  readonly bootstrapNeeded: boolean;
  /** Inactivity before the session locks, in minutes (0 = never). */
  readonly autoLockMinutes: number;
  /**
   * True when the signed-in clerk is a manager whose PIN is shorter than 6 digits (made before that rule): the UI asks
   * them to replace it.
   */
  readonly managerPinTooShort: boolean;
}
