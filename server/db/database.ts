/** Something that runs SQL: the database itself or an open transaction. Same PostgreSQL SQL on every backend. */
export interface Queryable {
  /** Runs one statement with positional parameters ($1, $2, ...) and returns its rows. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
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
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Releases connections (and stops the embedded PostgreSQL when this Database started it). */
  close(): Promise<void>;
}
