import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Migration } from '../../main/db/migration';
import { migrations } from '../../main/db/migrations';
import { migrate } from '../../main/db/migrate';
import { openLocalDatabase } from '../../main/db/open-database';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'refill-migrate-'));
  dirs.push(dir);
  return join(dir, 'ledger.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tables = (file: string): string[] => {
  const db = new BetterSqlite3(file, { readonly: true });
  const names = (
    db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);
  db.close();
  return names;
};

describe('local database migrations', () => {
  it('creates a fresh database at the newest version with WAL and synchronous=FULL', () => {
    const file = tempFile();
    const local = openLocalDatabase(file);
    expect(local.migration.from).toBe(0);
    expect(local.migration.to).toBe(migrations.length);
    expect(local.migration.applied).toEqual(migrations.map((m) => m.version));
    expect(local.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(local.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(local.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(local.sqliteVersion).toMatch(/^3\.\d+\.\d+$/);
    local.close();
    expect(tables(file)).toContain('app_settings');
  });

  it('upgrades an older database step by step, keeping its data', () => {
    const file = tempFile();
    const v1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE t (a INTEGER)') };
    const v2: Migration = { version: 2, name: 'two', up: (db) => db.exec('ALTER TABLE t ADD COLUMN b TEXT') };
    const first = openLocalDatabase(file, [v1]);
    first.db.prepare('INSERT INTO t (a) VALUES (7)').run();
    first.close();
    const second = openLocalDatabase(file, [v1, v2]);
    expect(second.migration).toEqual({ from: 1, to: 2, applied: [2] });
    expect(second.db.prepare('SELECT a, b FROM t').get()).toEqual({ a: 7, b: null });
    second.close();
    const third = openLocalDatabase(file, [v1, v2]);
    expect(third.migration.applied).toEqual([]);
    third.close();
  });

  it('refuses a database written by a newer version, even one version newer, and leaves it untouched', () => {
    const file = tempFile();
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.exec('CREATE TABLE future_thing (x INTEGER)');
    raw.close();
    expect(() => openLocalDatabase(file)).toThrowError(expect.objectContaining({ code: 'database_too_new' }));
    expect(tables(file)).toEqual(['future_thing']);
  });

  it('rolls back a failing migration entirely, leaving the previous version', () => {
    const file = tempFile();
    const v1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE t (a INTEGER)') };
    const bad: Migration = {
      version: 2,
      name: 'bad',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    openLocalDatabase(file, [v1]).close();
    expect(() => openLocalDatabase(file, [v1, bad])).toThrow('boom');
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    raw.close();
    expect(tables(file)).toEqual(['t']);
  });

  it('opens with an explicit native binding (how Electron gets its own better-sqlite3 build)', () => {
    const binding = join(process.cwd(), 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const local = openLocalDatabase(tempFile(), migrations, { nativeBinding: binding });
    expect(local.migration.to).toBe(migrations.length);
    local.close();
    expect(() =>
      openLocalDatabase(tempFile(), migrations, { nativeBinding: join(tmpdir(), 'missing.node') }),
    ).toThrow();
  });

  it('rejects a migration list with gaps', () => {
    const gap: Migration = { version: 2, name: 'gap', up: () => undefined };
    expect(() => openLocalDatabase(tempFile(), [gap])).toThrow(/out of order/);
  });
  it('gives offline sales the previous release queued the claim the server now requires (migration 8)', () => {
    const file = tempFile();
    const db = new BetterSqlite3(file);
    migrate(db, migrations.slice(0, 7));
    db.prepare("UPDATE sync_state SET last_sync_at = '2030-01-01T10:00:00.000Z' WHERE singleton = 1").run();
    const insert = db.prepare(
      `INSERT INTO outbox (id, type, payload, created_at, clerk_id, offline, debit, offline_amount)
       VALUES (?, 'sale.create', ?, '2030-01-01T11:00:00.000Z', NULL, ?, 90, ?)`,
    );
    insert.run('a', JSON.stringify({ retailAmount: 100 }), 1, 100);
    insert.run('b', JSON.stringify({ retailAmount: 200 }), 0, 0); // online: no claim
    insert.run('c', JSON.stringify({ retailAmount: 300 }), 1, 300);
    migrate(db, migrations);
    const claims = db.prepare('SELECT id, offline_claim FROM outbox ORDER BY seq').all() as {
      id: string;
      offline_claim: string | null;
    }[];
    const lastSyncAt = '2030-01-01T09:55:00.000Z';
    expect(claims.map((c) => [c.id, c.offline_claim === null ? null : JSON.parse(c.offline_claim)])).toEqual([
      ['a', { seq: 1, windowStart: 1, limitsVersion: 1, lastSyncAt }],
      ['b', null],
      ['c', { seq: 2, windowStart: 1, limitsVersion: 1, lastSyncAt }],
    ]);
    expect(db.prepare('SELECT seq, command_id, retail_amount, settled FROM offline_decisions').all()).toEqual(
      [
        { seq: 1, command_id: 'a', retail_amount: 100, settled: 0 },
        { seq: 2, command_id: 'c', retail_amount: 300, settled: 0 },
      ],
    );
    expect(db.prepare("SELECT value FROM counters WHERE name = 'offline_seq'").get()).toEqual({ value: 2 });
    db.close();
  });
});
