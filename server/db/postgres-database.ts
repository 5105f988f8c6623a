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
      const res = await pool.query(statement(sql, params, how));
      return res.rows as R[];
    },
    async execScript(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, hooks?: TransactionHooks) {
      const client = await pool.connect();
      // BEGIN is not waited for on its own: the client sends the transaction's first statement the moment BEGIN's
      // answer arrives, and that statement's caller then waits for both. A round trip less per transaction (a busy
      // event loop makes each one cost a millisecond or more). BEGIN cannot fail while a later statement on the
      // same connection succeeds, and the first statement is not answered before BEGIN has been checked.
      const begin = { pending: client.query('BEGIN') as Promise<unknown> | null };
      begin.pending?.catch(() => undefined);
      const afterBegin = async <T>(run: Promise<T>): Promise<T> => {
        const waiting = begin.pending;
        begin.pending = null;
        if (waiting) {
          // Both were sent; BEGIN's failure is the one to report.
          run.catch(() => undefined);
          await waiting;
        }
        return run;
      };
      const tx: Queryable = {
        async query<R>(sql: string, params: readonly unknown[] = [], how?: QueryOptions) {
          const res = await afterBegin(client.query(statement(sql, params, how)));
          return res.rows as R[];
        },
        async execScript(sql: string) {
          await afterBegin(client.query(sql));
        },
      };
      let broken: Error | undefined;
      try {
        const out = await fn(tx);
        // A transaction that ran no statement still reports a failed BEGIN.
        await afterBegin(Promise.resolve());
        const commit = client.query('COMMIT');
        hooks?.committing?.();
        await commit;
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
