import pg from 'pg';
import type { Database, Queryable } from './database';

/** Opens a pg connection pool on a PostgreSQL URL (postgres://user@host:port/db). */
export async function openPostgresDatabase(url: string, maxConnections = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
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
      try {
        await client.query('BEGIN');
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
