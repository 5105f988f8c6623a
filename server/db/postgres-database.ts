import pg from 'pg';
import type { Database, Queryable } from './database';

/** Opens a pg connection pool on a PostgreSQL URL (postgres://user@host:port/db). */
export async function openPostgresDatabase(url: string, maxConnections = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // An idle pooled connection can fail (server restart, failover, an idle timeout in between). Without a listener
  // the pool's 'error' event would kill the process; the pool drops that client and later queries reconnect.
  pool.on('error', (err) => console.error(`PostgreSQL idle connection failed: ${err.message}`));
  // Fail fast when the server cannot be reached.
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
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
    close: () => pool.end(),
  };
}
