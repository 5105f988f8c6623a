import type { Database } from 'better-sqlite3';
import type { PinAttemptState } from '../../core/clerks/pin-rules';
import type { ClerkRole, ClerkSummary } from '../../core/contract/types/clerks';

/** A clerk row with its PIN hash and rate-limit state (stays in main). */
export interface ClerkRecord {
  readonly id: string;
  readonly name: string;
  readonly role: ClerkRole;
  readonly pinHash: string;
  readonly failedAttempts: number;
  readonly lockedUntil: number | null;
  /** Lockouts since the last correct PIN (each doubles the next wait). */
  readonly lockouts: number;
  readonly createdAt: string;
}

interface ClerkRow {
  id: string;
  name: string;
  role: ClerkRole;
  pin_hash: string;
  failed_attempts: number;
  locked_until: number | null;
  lockouts: number;
  created_at: string;
}

const toRecord = (r: ClerkRow): ClerkRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  pinHash: r.pin_hash,
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until,
  lockouts: r.lockouts,
  createdAt: r.created_at,
});

/** What the UI may see of a clerk. */
export function toSummary(c: ClerkRecord, now: number): ClerkSummary {
  return {
    id: c.id,
    name: c.name,
    role: c.role,
    lockedUntil: c.lockedUntil !== null && c.lockedUntil > now ? new Date(c.lockedUntil).toISOString() : null,
    createdAt: c.createdAt,
  };
}

/** Named queries over the clerks table. */
export class ClerkStore {
  private readonly q;

  constructor(db: Database) {
    this.q = {
      list: db.prepare('SELECT * FROM clerks WHERE active = 1 ORDER BY name COLLATE NOCASE'),
      get: db.prepare('SELECT * FROM clerks WHERE id = ? AND active = 1'),
      count: db.prepare('SELECT COUNT(*) AS n FROM clerks WHERE active = 1'),
      byName: db.prepare('SELECT id FROM clerks WHERE active = 1 AND name = ? COLLATE NOCASE'),
      insert: db.prepare(
        'INSERT INTO clerks (id, name, role, pin_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      attempts: db.prepare(
        'UPDATE clerks SET failed_attempts = ?, locked_until = ?, lockouts = ? WHERE id = ?',
      ),
      all: db.prepare('SELECT * FROM clerks ORDER BY active DESC, name COLLATE NOCASE'),
      any: db.prepare('SELECT * FROM clerks WHERE id = ?'),
      rename: db.prepare('UPDATE clerks SET name = ? WHERE id = ?'),
      role: db.prepare('UPDATE clerks SET role = ? WHERE id = ?'),
      active: db.prepare('UPDATE clerks SET active = ? WHERE id = ?'),
      pin: db.prepare(
        'UPDATE clerks SET pin_hash = ?, failed_attempts = 0, locked_until = NULL, lockouts = 0 WHERE id = ?',
      ),
      activeManagers: db.prepare("SELECT COUNT(*) AS n FROM clerks WHERE active = 1 AND role = 'manager'"),
    };
  }

  /** Active clerks by name. */
  list(): ClerkRecord[] {
    return (this.q.list.all() as ClerkRow[]).map(toRecord);
  }

  /** One active clerk, or null. */
  get(id: string): ClerkRecord | null {
    const r = this.q.get.get(id) as ClerkRow | undefined;
    return r ? toRecord(r) : null;
  }

  /** How many active clerks exist (0 means bootstrap). */
  count(): number {
    return (this.q.count.get() as { n: number }).n;
  }

  /** True when an active clerk already has this name (case-insensitive). */
  nameTaken(name: string): boolean {
    return this.q.byName.get(name) !== undefined;
  }

  /** Adds a clerk. */
  insert(
    c: Omit<ClerkRecord, 'failedAttempts' | 'lockedUntil' | 'lockouts'>,
    createdBy: string | null,
  ): void {
    this.q.insert.run(c.id, c.name, c.role, c.pinHash, c.createdAt, createdBy);
  }

  /** Every clerk, active first, with whether they may sign in (clerk management). */
  listAll(): (ClerkRecord & { readonly active: boolean })[] {
    return (this.q.all.all() as (ClerkRow & { active: number })[]).map((r) => ({
      ...toRecord(r),
      active: r.active === 1,
    }));
  }

  /** One clerk, active or not, or null. */
  getAny(id: string): (ClerkRecord & { readonly active: boolean }) | null {
    const r = this.q.any.get(id) as (ClerkRow & { active: number }) | undefined;
    return r ? { ...toRecord(r), active: r.active === 1 } : null;
  }

  /** Active managers (the last one can be neither deactivated nor demoted). */
  activeManagerCount(): number {
    return (this.q.activeManagers.get() as { n: number }).n;
  }

  /** Renames a clerk (call inside a transaction with its audit row). */
  setName(id: string, name: string): void {
    this.q.rename.run(name, id);
  }

  setRole(id: string, role: ClerkRole): void {
    this.q.role.run(role, id);
  }

  setActive(id: string, active: boolean): void {
    this.q.active.run(active ? 1 : 0, id);
  }

  /** Sets a new PIN hash and clears the sign-in lockout. */
  setPinHash(id: string, pinHash: string): void {
    this.q.pin.run(pinHash, id);
  }

  /** Stores the sign-in rate-limit state. */
  setAttempts(id: string, state: PinAttemptState): void {
    this.q.attempts.run(state.failedAttempts, state.lockedUntil, state.lockouts, id);
  }
}
