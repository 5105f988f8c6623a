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
  it('rebuilds the tables every sale writes with fewer b-trees, keeping every row (migration 19)', () => {
    const file = tempFile();
    const db = new BetterSqlite3(file);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 18));
    db.prepare(
      "INSERT INTO app_runs (run, started_at, app_version, host) VALUES (1, 't', '0.1.0', 'node')",
    ).run();
    const sale = db.prepare(
      `INSERT INTO sales (id, sale_number, command_id, package_id, package_name, customer_account, quantity, currency,
         retail_amount, wholesale_amount, tendered_amount, change_amount, clerk_id, created_at, status, server_status,
         reason, message, from_stock, grant_used, grant_expires_at)
       VALUES (?, ?, ?, 'p1', 'Ten', ?, 1, 'USD', ?, 90, ?, ?, 'k1', ?, ?, ?, NULL, NULL, ?, ?, ?)`,
    );
    sale.run(
      's1',
      'T-000001',
      'c1',
      '+15550001',
      100,
      200,
      100,
      '2030-01-01T10:00:00.000Z',
      'confirmed',
      'refunded',
      0,
      0,
      '2030-02-01',
    );
    sale.run(
      's2',
      'T-000002',
      'c2',
      '+15550002',
      300,
      null,
      null,
      '2030-01-01T11:00:00.000Z',
      'queued',
      null,
      1,
      null,
      null,
    );
    db.prepare(
      "UPDATE sale_outcomes SET shown_at = 'x', shown_outcome = 'confirmed', shown_by = 'k1' WHERE sale_id = 's1'",
    ).run();
    const entry = db.prepare(
      `INSERT INTO journal_entries (id, kind, command_id, reverses_entry_id, clerk_id, memo, created_at)
       VALUES (?, ?, ?, ?, 'k1', 'm', '2030-01-01T10:00:00.000Z')`,
    );
    const posting = db.prepare(
      'INSERT INTO journal_postings (entry_id, account, amount, currency) VALUES (?, ?, ?, ?)',
    );
    entry.run('e1', 'sale', 'c1', null);
    posting.run('e1', 'reseller_credit', -90, 'USD');
    posting.run('e1', 'cost_of_sales', 90, 'USD');
    entry.run('e2', 'reversal', 'c1', 'e1');
    posting.run('e2', 'reseller_credit', 90, 'USD');
    posting.run('e2', 'cost_of_sales', -90, 'USD');
    const outbox = db.prepare(
      `INSERT INTO outbox (id, type, payload, created_at, clerk_id, offline, offline_claim, debit, offline_amount, attempts)
       VALUES (?, 'sale.create', '{}', '2030-01-01T11:00:00.000Z', NULL, ?, ?, ?, ?, ?)`,
    );
    outbox.run('c0', 0, null, 5, 0, 0);
    outbox.run('c2', 1, '{"seq":2}', 270, 300, 3);
    outbox.run('c9', 0, null, 1, 0, 0);
    // Their seqs (1, and 3 above the last row left) stay taken.
    db.prepare("DELETE FROM outbox WHERE id IN ('c0', 'c9')").run();
    const decision = db.prepare(
      'INSERT INTO offline_decisions (seq, command_id, retail_amount, settled) VALUES (?, ?, ?, ?)',
    );
    decision.run(1, 'c1', 100, 1);
    decision.run(2, 'c2', 300, 0);
    decision.run(3, 'c3', 50, 0);
    db.prepare("UPDATE counters SET value = 2 WHERE name = 'sale_number'").run();
    const dump = (): Record<string, unknown[]> => ({
      sales: db.prepare('SELECT * FROM sales ORDER BY id').all(),
      outcomes: db.prepare('SELECT * FROM sale_outcomes ORDER BY sale_id').all(),
      entries: db.prepare('SELECT * FROM journal_entries ORDER BY id').all(),
      postings: db.prepare('SELECT * FROM journal_postings ORDER BY entry_id, account').all(),
      outbox: db.prepare('SELECT * FROM outbox ORDER BY seq').all(),
      decisions: db
        .prepare('SELECT seq, command_id, retail_amount, settled FROM offline_decisions ORDER BY seq')
        .all(),
    });
    const before = dump();
    const counters = db.prepare('SELECT name, value FROM counters ORDER BY name').all();
    expect(db.prepare('SELECT debit, offline_amount, n FROM outbox_totals').get()).toEqual({
      debit: 270,
      offline_amount: 300,
      n: 1,
    });

    migrate(db, migrations);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1); // turned back on after the rebuild
    expect(dump()).toEqual(before);
    expect(
      db.prepare("SELECT name, value FROM counters WHERE name NOT LIKE 'outbox_%' ORDER BY name").all(),
    ).toEqual(counters);
    // The outbox totals moved into counters; the window's running totals are filled in.
    expect(
      db.prepare("SELECT name, value FROM counters WHERE name LIKE 'outbox_%' ORDER BY name").all(),
    ).toEqual([
      { name: 'outbox_count', value: 1 },
      { name: 'outbox_debit', value: 270 },
      { name: 'outbox_offline_amount', value: 300 },
    ]);
    expect(db.prepare('SELECT seq, running_total FROM offline_decisions ORDER BY seq').all()).toEqual([
      { seq: 1, running_total: 100 },
      { seq: 2, running_total: 400 },
      { seq: 3, running_total: 450 },
    ]);
    // One b-tree per text-keyed table, no unique index on sales.command_id; the outbox never gives a seq twice.
    const sqlOf = (name: string): string =>
      (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string }).sql;
    for (const t of ['sales', 'sale_outcomes', 'journal_entries', 'journal_postings', 'counters'])
      expect(sqlOf(t), t).toMatch(/WITHOUT ROWID$/);
    expect(sqlOf('outbox')).toMatch(/AUTOINCREMENT/);
    expect(tables(file)).not.toContain('outbox_totals');
    const salesIndexes = db.prepare("PRAGMA index_list('sales')").all() as { name: string; unique: number }[];
    expect(salesIndexes.filter((i) => i.unique === 1)).toHaveLength(2); // the primary key and sale_number
    expect(salesIndexes.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        'sales_created',
        'sales_clerk_created',
        'sales_business_created',
        'sales_sync_created',
        'sales_customer_created',
        'sales_from_stock',
      ]),
    );
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name LIKE 'outbox%'").all()).toEqual([
      { seq: 3 },
    ]);

    // The triggers came back: a new sale gets its outcome row and its account, the outbox keeps its totals, the
    // journal stays immutable, and foreign keys hold.
    sale.run(
      's3',
      'T-000003',
      'c3',
      '+15550003',
      50,
      null,
      null,
      '2030-01-01T12:00:00.000Z',
      'queued',
      null,
      0,
      null,
      null,
    );
    expect(db.prepare("SELECT run, shown_at FROM sale_outcomes WHERE sale_id = 's3'").get()).toEqual({
      run: 1,
      shown_at: null,
    });
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM sale_customer_accounts WHERE account = '+15550003'").get(),
    ).toEqual({ n: 1 });
    outbox.run('c3', 1, '{"seq":3}', 45, 50, 0);
    expect(db.prepare("SELECT seq FROM outbox WHERE id = 'c3'").get()).toEqual({ seq: 4 }); // after every seq given
    db.prepare("UPDATE outbox SET debit = 40 WHERE id = 'c3'").run();
    db.prepare("DELETE FROM outbox WHERE id = 'c2'").run();
    expect(
      db.prepare("SELECT name, value FROM counters WHERE name LIKE 'outbox_%' ORDER BY name").all(),
    ).toEqual([
      { name: 'outbox_count', value: 1 },
      { name: 'outbox_debit', value: 40 },
      { name: 'outbox_offline_amount', value: 50 },
    ]);
    expect(() => db.prepare('UPDATE journal_postings SET amount = 0').run()).toThrow(/immutable/);
    expect(() => db.prepare("DELETE FROM journal_entries WHERE id = 'e1'").run()).toThrow(/immutable/);
    expect(() => posting.run('nope', 'cash_drawer', 1, 'USD')).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('rolls a table rebuild back whole when it would leave a row pointing at nothing', () => {
    const file = tempFile();
    const db = new BetterSqlite3(file);
    db.pragma('foreign_keys = ON');
    const base: Migration = {
      version: 1,
      name: 'parent and child',
      up: (d) =>
        d.exec(`CREATE TABLE parent (id TEXT PRIMARY KEY) STRICT;
          CREATE TABLE child (parent_id TEXT NOT NULL REFERENCES parent (id)) STRICT;
          INSERT INTO parent VALUES ('a'); INSERT INTO child VALUES ('a');`),
    };
    const lossy: Migration = {
      version: 2,
      name: 'rebuild that forgets a row',
      rebuildsTables: true,
      up: (d) =>
        d.exec(`CREATE TABLE parent_new (id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
          DROP TABLE parent; ALTER TABLE parent_new RENAME TO parent;`),
    };
    migrate(db, [base]);
    expect(() => migrate(db, [base, lossy])).toThrow(/pointing at nothing/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id FROM parent').all()).toEqual([{ id: 'a' }]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
