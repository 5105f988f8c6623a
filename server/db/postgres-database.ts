import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, DatabaseKind, Queryable, QueryOptions, TransactionHooks } from './database';

/**
 * The statement as pg takes it: a prepared one is named by a hash of its text, so one name never stands for two
 * texts (pg refuses that) and every connection of the pool prepares it once, on its first run there.
 */
function statement(
  sql: string,
  params: readonly unknown[],
  options: QueryOptions | undefined,
): pg.QueryConfig {
  const values = params as unknown[];
  if (!options?.prepare) return { text: sql, values };
  return { name: `refill_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`, text: sql, values };
}

/** SQLSTATEs of a kept statement gone stale: 26000 (no such prepared statement), 0A000 (cached plan result changed). */
function isStalePrepared(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '26000' || (code === '0A000' && /cached plan/.test((err as Error).message));
}

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
    async query<R>(sql: string, params: readonly unknown[] = [], how?: QueryOptions) {
      const config = statement(sql, params, how);
      try {
        return (await pool.query(config)).rows as R[];
      } catch (err) {
        // A kept statement the connection lost (a session reset) or whose result changed under it (another
        // process's migration): PostgreSQL refuses that run once, then the statement is prepared afresh. Outside a
        // transaction nothing was done, so the statement runs again, once.
        if (!config.name || !isStalePrepared(err)) throw err;
        return (await pool.query(config)).rows as R[];
      }
    },
    async execScript(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, hooks?: TransactionHooks) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // The pool listens for a failing connection only while it is idle: while this transaction holds it, a backend
      // that is terminated (a restart, a failover, an idle-in-transaction timeout) would otherwise raise an
      // unhandled 'error' and end the process. Its statements fail on their own; the connection is not reused.
      const onError = (err: Error): void => {
        broken ??= err;
      };
      client.on('error', onError);
      const tx: Queryable = {
        async query<R>(sql: string, params: readonly unknown[] = [], how?: QueryOptions) {
          const res = await client.query(statement(sql, params, how));
          return res.rows as R[];
        },
        async execScript(sql: string) {
          await client.query(sql);
        },
      };
      try {
        await client.query('BEGIN');
        const out = await fn(tx);
        const commit = client.query('COMMIT');
        try {
          hooks?.committing?.();
        } catch (err) {
          // The hook is told, it does not decide: the commit stands or fails on its own.
          console.error('transaction committing hook failed:', err instanceof Error ? err.message : err);
        }
        const done = await commit;
        // PostgreSQL answers COMMIT of a transaction in which a statement failed with ROLLBACK, not an error: a
        // caller that caught that statement's error must not be told its writes were made.
        if (done.command !== 'COMMIT')
          throw new Error('the transaction was rolled back: one of its statements failed');
        return out;
      } catch (err) {
        // A connection that cannot even roll back is not given back to the pool.
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken ??= e instanceof Error ? e : new Error(String(e));
        });
        throw err;
      } finally {
        client.off('error', onError);
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
