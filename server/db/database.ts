/** How to run one statement. */
export interface QueryOptions {
  /**
   * Keep the statement prepared on the connection (named by its text), so a later run of the same text skips
   * parsing and planning. For the few hot statements whose plan does not depend on their parameters' values (the
   * online push's lock and write); a statement with optional filters is better planned for each run's values. Name
   * the columns (no `*` from a function or table a later migration may widen), and connect to PostgreSQL directly or
   * through a session pooler: a transaction-mode pooler without prepared-statement support would lose them.
   */
  readonly prepare?: boolean;
}

/** What a transaction's caller is told while it runs. */
export interface TransactionHooks {
  /**
   * Called once `fn` has finished, as COMMIT is sent: the transaction's writes are all made and its locks are held
   * until the commit is answered. Not called when `fn` throws; a hook that throws is logged and changes nothing.
   */
  readonly committing?: () => void;
}

/** Something that runs SQL: the database itself or an open transaction. Same PostgreSQL SQL on every backend. */
export interface Queryable {
  /** Runs one statement with positional parameters ($1, $2, ...) and returns its rows. */
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  execScript(sql: string): Promise<void>;
}

/**
 * Which PostgreSQL backs a Database: the embedded one this server started in its data folder, or an external one
 * (`DATABASE_URL`).
 */
export type DatabaseKind = 'embedded' | 'postgres';

/** The one storage interface the server uses, implemented over a pg Pool on either kind of PostgreSQL. */
export interface Database extends Queryable {
  /** The engine, reported by /health. */
  readonly kind: DatabaseKind;
  /** Runs `fn` inside BEGIN/COMMIT; rolls back and rethrows when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, hooks?: TransactionHooks): Promise<T>;
  /** Releases connections (and stops the embedded PostgreSQL when this Database started it). */
  close(): Promise<void>;
}
