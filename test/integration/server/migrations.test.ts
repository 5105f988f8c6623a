import { describe, expect, it } from 'vitest';
import { migrate } from '../../../server/db/migrate';
import { openPostgresDatabase } from '../../../server/db/postgres-database';
import type { Database } from '../../../server/db/database';
import { MIGRATIONS } from '../../../server/migrations/index';
import { serverBackends } from './server-backends';

/** Runs the migration checks against one fresh database. */
async function checkMigrations(db: Database): Promise<void> {
  expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
  expect(await migrate(db)).toEqual([]);
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
  );
  const names = tables.map((t) => t.table_name);
  for (const t of ['journal_entries', 'postings', 'accounts', 'grants', 'sales', 'commands', 'changes']) {
    expect(names).toContain(t);
  }
  // Journal rows are immutable.
  await expect(db.query('UPDATE postings SET amount = amount')).rejects.toThrow(/immutable/);
  // A database with a migration newer than the code is refused, and nothing is applied: exactly one version newer
  // is the boundary (an off-by-one here would open it).
  const newer = Math.max(...MIGRATIONS.map((m) => m.version)) + 1;
  await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [newer, 'next-future']);
  await expect(migrate(db)).rejects.toMatchObject({ code: 'database_too_new' });
  await db.query('DELETE FROM schema_migrations WHERE version = $1', [newer]);
  // A new migration applies once; a failing one rolls back entirely.
  const latest = Math.max(...MIGRATIONS.map((m) => m.version));
  const next = [
    ...MIGRATIONS,
    { version: latest + 1, name: 'probe-test', sql: 'CREATE TABLE migration_probe (id int)' },
  ];
  expect(await migrate(db, next)).toEqual([latest + 1]);
  const broken = [
    ...next,
    { version: latest + 2, name: 'probe-broken', sql: 'CREATE TABLE probe3 (id int); SELECT nope;' },
  ];
  await expect(migrate(db, broken)).rejects.toThrow();
  const v = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  expect(v.map((r) => Number(r.version))).toEqual([...MIGRATIONS.map((m) => m.version), latest + 1]);
}

describe.each(serverBackends())('migrations ($name)', (backend) => {
  it('apply on a fresh database, concurrently from two pools, record themselves, and refuse a newer database', async () => {
    const opened = await backend.open({ isolated: true });
    const a = opened.db;
    const b = await openPostgresDatabase(opened.url, 2);
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      expect([...ra, ...rb].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.version));
      await a.execScript('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      await checkMigrations(a);
    } finally {
      await b.close();
      await opened.cleanup();
    }
  });
});
