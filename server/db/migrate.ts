import { AppError } from '../../core/app-error';
import { MIGRATIONS, type Migration } from '../migrations/index';
import type { Database } from './database';

/** Advisory lock key shared by every process migrating the same database ("refill" in ASCII). */
const MIGRATION_LOCK_KEY = 0x726566696c6c;

/**
 * Brings the schema up to date in one transaction, under a transaction-scoped advisory lock so two processes
 * starting together apply each migration once. Refuses a database that has a migration newer than the code knows.
 * Returns the versions applied now.
 */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const rows = await tx.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    const applied = new Set(rows.map((r) => Number(r.version)));
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new AppError(
        'database_too_new',
        `database has schema version ${newest} but this server knows only up to ${known}; upgrade the server`,
      );
    }
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await tx.execScript(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(m.version);
    }
    return done;
  });
}
