import pg from 'pg';
import type { Database, DatabaseKind, Queryable } from './database';

/** Opens a pg connection pool on a PostgreSQL URL (postgres://user@host:port/db). */
export function openPostgresDatabase(url: string, maxConnections = 10): Promise<Database> {
  return openPoolDatabase({ kind: 'postgres', url, maxConnections });
}

/** How to open a pool-backed Database. */
export interface PoolDatabaseOptions {
  /** What /health reports: an external PostgreSQL, or the embedded one this process started. */
  readonly kind: DatabaseKind;
  /** PostgreSQL URL; a Unix socket folder goes in a `host` query parameter. */
  readonly url: string;
  readonly maxConnections: number;
  /** Runs after the pool has ended (the embedded server stops its PostgreSQL here). */
  readonly afterClose?: () => Promise<void>;
}

/**
 * The one Database implementation over a pg Pool, shared by the external and the embedded PostgreSQL. Fails fast
 * (and ends the pool) when the server cannot be reached.
 */
export async function openPoolDatabase(options: PoolDatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections });
  // An idle pooled connection can fail (server restart, failover, an idle timeout in between). Without a listener
  // the pool's 'error' event would kill the process; the pool drops that client and later queries reconnect.
  pool.on('error', (err) => console.error(`PostgreSQL idle connection failed: ${err.message}`));
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    kind: options.kind,
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const res = await pool.query(sql, params as unknown[]);
      return res.rows as R[];
    },
    async execScript(sql: string) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Queryable = {
        async query<R>(sql: string, params: readonly unknown[] = []) {
          const res = await client.query(sql, params as unknown[]);
          return res.rows as R[];
        },
        async execScript(sql: string) {
          await client.query(sql);
        },
      };
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        // A connection that cannot even roll back is not given back to the pool.
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken = e instanceof Error ? e : new Error(String(e));
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () =>
      (closing ??= (async () => {
        try {
          await pool.end();
        } finally {
          await options.afterClose?.();
        }
      })()),
  };
}
