import { PGlite } from '@electric-sql/pglite';
import { AsyncMutex } from './async-mutex';
import type { Database, Queryable } from './database';

/**
 * Opens (creating when missing) an embedded PGlite database in `dataDir`.
 * PGlite runs one query at a time on one connection, so every statement and transaction goes through one mutex:
 * a transaction holds it from BEGIN to COMMIT and no other caller's statement can slip in between.
 */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  const pg = await PGlite.create(dataDir);
  const mutex = new AsyncMutex();
  const direct: Queryable = {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const res = await pg.query<R>(sql, params as unknown[]);
      return res.rows;
    },
    async execScript(sql: string) {
      await pg.exec(sql);
    },
  };
  return {
    kind: 'pglite',
    query: (sql, params) => mutex.run(() => direct.query(sql, params)),
    execScript: (sql) => mutex.run(() => direct.execScript(sql)),
    transaction: (fn) =>
      mutex.run(async () => {
        await pg.exec('BEGIN');
        try {
          const out = await fn(direct);
          await pg.exec('COMMIT');
          return out;
        } catch (err) {
          await pg.exec('ROLLBACK');
          throw err;
        }
      }),
    close: () => mutex.run(() => pg.close()),
  };
}
