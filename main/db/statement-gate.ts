import type { Database, Statement } from 'better-sqlite3';

/**
 * A hook that runs before every statement of one connection: how the ledger keeps rows it has committed elsewhere
 * (the offline sale log) invisible to every reader and writer, by moving them into place before any statement runs.
 * Installed when the database opens, so it sees every statement prepared on the connection afterwards.
 */
export interface StatementGate {
  /** Sets what runs before each `run`, `get`, `all` and `iterate`, and each `exec` (null: nothing). */
  setBefore(fn: (() => void) | null): void;
  /** Runs `fn` without the hook: its own statements do not call it (the hook's own work, and what may skip it). */
  bypass<T>(fn: () => T): T;
}

const gates = new WeakMap<Database, StatementGate>();
const GATED = ['run', 'get', 'all', 'iterate'] as const;

/**
 * Installs the gate on `db` (once; a second call answers the first gate). Statements prepared before it are not
 * gated, so install it before anything else prepares one. `pragma` is not gated (better-sqlite3 prepares it
 * internally): a pragma reads or sets no table row.
 */
export function installStatementGate(db: Database): StatementGate {
  const existing = gates.get(db);
  if (existing) return existing;
  let before: (() => void) | null = null;
  let bypassing = 0;
  const check = (): void => {
    if (before !== null && bypassing === 0) before();
  };
  const prepare = db.prepare.bind(db);
  const exec = db.exec.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source) as Statement & Record<string, unknown>;
    for (const method of GATED) {
      const inner = statement[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: function gated(this: Statement, ...args: unknown[]): unknown {
          check();
          return inner.apply(this, args);
        },
      });
    }
    return statement;
  }) as Database['prepare'];
  db.exec = (source: string): Database => {
    check();
    return exec(source);
  };
  const gate: StatementGate = {
    setBefore: (fn) => {
      before = fn;
    },
    bypass: <T>(fn: () => T): T => {
      bypassing += 1;
      try {
        return fn();
      } finally {
        bypassing -= 1;
      }
    },
  };
  gates.set(db, gate);
  return gate;
}

/** The gate installed on `db`, or null when it was opened without one. */
export function statementGate(db: Database): StatementGate | null {
  return gates.get(db) ?? null;
}
