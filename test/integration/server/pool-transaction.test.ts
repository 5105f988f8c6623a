import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database';
import { serverBackends, type OpenedBackend } from './server-backends';

/** The pool Database's transactions: one transaction for all statements, the `committing` hook, kept statements. */
describe.each(serverBackends())('pool transactions ($name)', (backend) => {
  let opened: OpenedBackend;
  const db = (): Database => opened.db;
  beforeAll(async () => {
    opened = await backend.open({ isolated: true });
    await db().query('CREATE TABLE tx_probe (id int PRIMARY KEY, note text NOT NULL)');
  });
  afterAll(async () => opened?.cleanup());

  const txId = 'SELECT pg_current_xact_id()::text AS id, now()::text AS at';

  it('runs the first statement inside the transaction, and rolls it back with the rest', async () => {
    const seen = await db().transaction(async (tx) => {
      const [a] = await tx.query<{ id: string; at: string }>(txId);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const [b] = await tx.query<{ id: string; at: string }>(txId);
      return { a: a!, b: b! };
    });
    // One transaction id and one transaction start time for both statements.
    expect(seen.a.id).toBe(seen.b.id);
    expect(seen.a.at).toBe(seen.b.at);

    const failed = await db()
      .transaction(async (tx) => {
        await tx.query("INSERT INTO tx_probe (id, note) VALUES (1, 'first statement')");
        await tx.query("INSERT INTO tx_probe (id, note) VALUES (2, 'second statement')");
        throw new Error('changed my mind');
      })
      .then(
        () => null,
        (err: Error) => err.message,
      );
    expect(failed).toBe('changed my mind');
    expect(await db().query('SELECT id FROM tx_probe')).toEqual([]);
  });

  it('reports a failing first statement, rolls back, and leaves the connection usable', async () => {
    const err = await db()
      .transaction((tx) => tx.query('SELECT * FROM no_such_table'))
      .then(
        () => null,
        (e: Error) => e.message,
      );
    expect(err).toMatch(/no_such_table/);
    // Every pooled connection still works (none was left inside the failed transaction).
    const ids = await Promise.all(
      Array.from({ length: 25 }, () =>
        db().transaction(async (tx) => (await tx.query<{ id: string }>(txId))[0]!.id),
      ),
    );
    expect(new Set(ids).size).toBe(25);
  });

  it('commits a transaction that ran no statement', async () => {
    expect(await db().transaction(() => Promise.resolve('nothing to do'))).toBe('nothing to do');
  });

  it('calls `committing` once, after the last statement and before the commit is answered; not on failure', async () => {
    const events: string[] = [];
    const done = db()
      .transaction(
        async (tx) => {
          await tx.query("INSERT INTO tx_probe (id, note) VALUES (10, 'committed')");
          events.push('last statement answered');
          return 'ok';
        },
        { committing: () => events.push('committing') },
      )
      .then((v) => events.push(`transaction answered ${v}`));
    await done;
    expect(events).toEqual(['last statement answered', 'committing', 'transaction answered ok']);
    expect(await db().query('SELECT note FROM tx_probe WHERE id = 10')).toEqual([{ note: 'committed' }]);

    let called = 0;
    await expect(
      db().transaction(
        async (tx) => {
          await tx.query("INSERT INTO tx_probe (id, note) VALUES (11, 'rolled back')");
          throw new Error('no');
        },
        { committing: () => (called += 1) },
      ),
    ).rejects.toThrow('no');
    expect(called).toBe(0);
    expect(await db().query('SELECT id FROM tx_probe WHERE id = 11')).toEqual([]);
  });

  it('keeps a statement prepared on its connection, named by its text, and plans each text on its own', async () => {
    const text = 'SELECT $1::int + 1 AS n, count(*) OVER () AS prepared_probe';
    const other = 'SELECT $1::int + 2 AS n, count(*) OVER () AS prepared_probe';
    const [names, answers] = await db().transaction(async (tx) => {
      const out: number[] = [];
      for (const [sql, v] of [
        [text, 1],
        [text, 2],
        [other, 1],
      ] as const) {
        const [row] = await tx.query<{ n: number }>(sql, [v], { prepare: true });
        out.push(row!.n);
      }
      const prepared = await tx.query<{ name: string; statement: string }>(
        `SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%prepared_probe%' ORDER BY name`,
      );
      return [prepared, out] as const;
    });
    expect(answers).toEqual([2, 3, 3]);
    expect(names).toHaveLength(2);
    expect(names.every((r) => /^refill_[0-9a-f]{24}$/.test(r.name))).toBe(true);
    expect(names.map((r) => r.statement).sort()).toEqual([other, text].sort());
    // Without the option nothing is kept.
    const plain = await db().transaction(async (tx) => {
      await tx.query('SELECT 1 AS unprepared_probe');
      return tx.query(`SELECT name FROM pg_prepared_statements WHERE statement LIKE '%unprepared_probe%'`);
    });
    expect(plain).toEqual([]);
  });
});
