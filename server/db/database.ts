/** Something that runs SQL: the database itself or an open transaction. Same PostgreSQL SQL on every backend. */
export interface Queryable {
  /** Runs one statement with positional parameters ($1, $2, ...) and returns its rows. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  execScript(sql: string): Promise<void>;
}

/** Which engine backs a Database. */
export type DatabaseKind = 'pglite' | 'postgres';

/** The one storage interface the server uses, implemented over PGlite (embedded) and a pg Pool (PostgreSQL). */
export interface Database extends Queryable {
  /** The engine, reported by /health. */
  readonly kind: DatabaseKind;
  /** Runs `fn` inside BEGIN/COMMIT; rolls back and rethrows when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Releases connections (or closes the embedded engine). */
  close(): Promise<void>;
}
